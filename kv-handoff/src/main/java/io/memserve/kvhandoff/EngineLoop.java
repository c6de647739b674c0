package io.memserve.kvhandoff;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import io.memserve.engine.kv.KvPoolFullException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The one thread that owns an {@link Engine}: {@code Engine.step} and every change to a {@link Sequence} happen here.
 * Callers {@link #feed} tokens to sequences and get the logits after the last one; each step batches whatever is
 * pending (decode tokens first, then prefill chunks) within {@code maxTokensPerStep}, so prefill chunks and decode
 * tokens of many sequences share one forward pass. A sequence appears at most once per step, and its feeds run in
 * the order they were submitted.
 *
 * <p>Results are emitted on the loop thread, so a continuation that feeds the next token (decode) is queued before
 * the next step is formed and stays in the running batch. Continuations must therefore be short and non-blocking;
 * anything longer belongs on another scheduler ({@code publishOn}).
 */
public final class EngineLoop implements AutoCloseable {

    private final Engine engine;
    private final int maxTokensPerStep;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final List<Feed> pending = new ArrayList<>();
    private final Queue<Runnable> calls = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int sequencesInFlight;

    public EngineLoop(Engine engine, int maxTokensPerStep) {
        if (maxTokensPerStep < 1) {
            throw new IllegalArgumentException("max tokens per step must be at least 1: " + maxTokensPerStep);
        }
        this.engine = engine;
        this.maxTokensPerStep = maxTokensPerStep;
        this.thread = Thread.ofPlatform().name("engine-loop").daemon().start(this::run);
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Feeds {@code tokens} to {@code sequence}, over as many steps as the token budget needs, and emits the logits
     * after the last one. Cancelling drops the tokens not yet fed; the sequence may then hold part of them, so its
     * owner should {@link #release} it.
     */
    public Mono<float[]> feed(Sequence sequence, int[] tokens) {
        if (tokens.length == 0) {
            return Mono.error(new IllegalArgumentException("nothing to feed: no tokens"));
        }
        return Mono.defer(() -> {
            Feed feed = new Feed(sequence, tokens.clone());
            submit(() -> pending.add(feed));
            return feed.logits.asMono().doOnCancel(() -> feed.cancelled = true);
        });
    }

    /** Runs {@code work} on the loop thread between steps, where it may touch sequences and the engine. */
    public <T> Mono<T> call(Supplier<T> work) {
        return Mono.defer(() -> {
            Sinks.One<T> result = Sinks.one();
            submit(() -> {
                try {
                    T value = work.get();
                    if (value == null) {
                        result.tryEmitEmpty();
                    } else {
                        result.tryEmitValue(value);
                    }
                } catch (RuntimeException e) {
                    result.tryEmitError(e);
                }
            });
            return result.asMono();
        });
    }

    /** Drops the sequence's pending feeds and closes it, giving its pages back. */
    public Mono<Void> release(Sequence sequence) {
        return call(() -> {
            for (Iterator<Feed> it = pending.iterator(); it.hasNext();) {
                Feed feed = it.next();
                if (feed.sequence == sequence) {
                    it.remove();
                    feed.logits.tryEmitError(new CancellationException("sequence released"));
                }
            }
            sequence.close();
            return null;
        }).then();
    }

    /** Sequences with tokens waiting to be fed, for load reports. */
    public int sequencesInFlight() {
        return sequencesInFlight;
    }

    private void submit(Runnable call) {
        lock.lock();
        try {
            if (!running) {
                throw new IllegalStateException("the engine loop is stopped");
            }
            calls.add(call);
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            List<Runnable> toRun = awaitWork();
            toRun.forEach(Runnable::run);
            pending.removeIf(feed -> feed.cancelled);
            sequencesInFlight = (int) pending.stream().map(feed -> feed.sequence).distinct().count();
            if (!pending.isEmpty()) {
                step(nextBatch());
            }
        }
        pending.forEach(feed -> feed.logits.tryEmitError(new IllegalStateException("the engine loop stopped")));
    }

    private List<Runnable> awaitWork() {
        lock.lock();
        try {
            while (running && calls.isEmpty() && pending.isEmpty()) {
                workArrived.awaitUninterruptibly();
            }
            List<Runnable> drained = new ArrayList<>(calls);
            calls.clear();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** Decode tokens first (they keep running streams moving), then prefill chunks, within the token budget. */
    private List<Batched> nextBatch() {
        Set<Sequence> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Feed> eligible = new ArrayList<>();
        for (Feed feed : pending) {
            if (seen.add(feed.sequence)) {
                eligible.add(feed);
            }
        }
        List<Batched> batch = new ArrayList<>();
        int budget = maxTokensPerStep;
        for (Feed feed : eligible) {
            if (feed.remaining() == 1 && budget > 0) {
                batch.add(new Batched(feed, 1));
                budget--;
            }
        }
        for (Feed feed : eligible) {
            if (feed.remaining() > 1 && budget > 0) {
                int chunk = Math.min(feed.remaining(), budget);
                batch.add(new Batched(feed, chunk));
                budget -= chunk;
            }
        }
        return batch;
    }

    private void step(List<Batched> batch) {
        List<SequenceStep> steps = new ArrayList<>(batch.size());
        for (Batched b : batch) {
            steps.add(new SequenceStep(b.feed.sequence,
                    Arrays.copyOfRange(b.feed.tokens, b.feed.fed, b.feed.fed + b.tokens)));
        }
        List<float[]> logits;
        try {
            logits = engine.step(steps);
        } catch (KvPoolFullException e) {
            // The newest work gives way so that the sequences already running can finish and free their pages.
            fail(batch.getLast().feed, e);
            return;
        } catch (RuntimeException e) {
            batch.forEach(b -> fail(b.feed, e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Feed feed = batch.get(i).feed;
            feed.fed += batch.get(i).tokens;
            if (feed.remaining() == 0) {
                pending.remove(feed);
                feed.logits.tryEmitValue(logits.get(i));
            }
        }
    }

    private void fail(Feed feed, RuntimeException error) {
        pending.remove(feed);
        feed.logits.tryEmitError(error);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            workArrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Batched(Feed feed, int tokens) {
    }
}
