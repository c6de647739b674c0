package io.memserve.decode.generation;

import io.memserve.decode.batch.Admission;
import io.memserve.engine.Sequence;
import io.memserve.serving.api.FinishEvent;
import io.memserve.serving.api.FinishReason;
import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * One request from arrival to release: wait for admission, load the cached prefix, feed the rest of the prompt, then
 * sample and feed one token per engine step until a stop token, {@code max_tokens} or the end of the context; write
 * the KV back and give everything back. A cancelled stream releases at once, except while the sequence's pages are
 * being written to MemPool: those pages must not be reused before the write has read them.
 */
final class GenerationRun {

    private static final Logger log = LoggerFactory.getLogger(GenerationRun.class);

    private final GenerationWorker worker;
    private final GenerationPlan plan;
    private final RunOptions options;
    private final FluxSink<WorkerEvent> sink;
    private final long arrivedNanos = System.nanoTime();
    private Admission admission;
    private Sequence sequence;
    private Disposable current;
    private boolean cancelled;
    private boolean writingBack;
    private boolean released;
    private int produced;
    private long lastTokenNanos;

    GenerationRun(GenerationWorker worker, GenerationPlan plan, RunOptions options, FluxSink<WorkerEvent> sink) {
        this.worker = worker;
        this.plan = plan;
        this.options = options;
        this.sink = sink;
    }

    synchronized void start(int pages) {
        current = worker.admissions().admit(pages).subscribe(this::admitted, this::fail);
    }

    private synchronized void admitted(Admission granted) {
        if (released) {
            granted.release();
            return;
        }
        admission = granted;
        worker.metrics().queued(granted.waitedNanos());
        sequence = worker.engine().newSequence();
        Mono<Integer> prefix = options.loadPrefix() ? worker.loader().load(sequence, plan.prompt()) : Mono.just(0);
        current = prefix.subscribe(this::loaded, this::fail);
    }

    private synchronized void loaded(int cached) {
        if (cancelled) {
            return;
        }
        if (options.loadPrefix()) {
            worker.metrics().prefixLookup(plan.prompt().length, cached);
        }
        if (options.announcePrompt()) {
            sink.next(new MetaEvent(plan.prompt().length, cached));
        }
        int[] rest = Arrays.copyOfRange(plan.prompt(), cached, plan.prompt().length);
        if (!plan.sampledElsewhere()) {
            feed(rest);
            return;
        }
        produced = 1;
        lastTokenNanos = System.nanoTime();
        if (plan.stops(plan.firstToken())) {
            finish(FinishReason.STOP, 0);
        } else if (plan.maxTokens() == 1 || plan.prompt().length == worker.maxPositions()) {
            finish(FinishReason.LENGTH, 1);
        } else {
            int[] withFirst = Arrays.copyOf(rest, rest.length + 1);
            withFirst[rest.length] = plan.firstToken();
            feed(withFirst);
        }
    }

    private void feed(int[] tokens) {
        current = worker.loop().feed(sequence, tokens).subscribe(this::stepped, this::fail);
    }

    /** Runs on the engine loop's thread, so the next token is queued before the next step is formed. */
    private synchronized void stepped(float[] logits) {
        if (cancelled) {
            return;
        }
        int index = produced;
        int token = worker.engine().sample(logits, plan.sampling(), index);
        if (plan.stops(token)) {
            finish(FinishReason.STOP, produced);
            return;
        }
        produced++;
        long now = System.nanoTime();
        if (index == 0) {
            worker.metrics().firstToken(now - arrivedNanos);
        } else {
            worker.metrics().interToken(now - lastTokenNanos);
        }
        lastTokenNanos = now;
        sink.next(new TokenEvent(token, index));
        if (produced == plan.maxTokens() || sequence.length() == worker.maxPositions()) {
            finish(FinishReason.LENGTH, produced);
        } else {
            feed(new int[] {token});
        }
    }

    /**
     * The finish event goes out once this pool holds the sequence's blocks, so a next turn sent on reading it finds
     * them; the stream completes once the prefill pool holds them too.
     */
    private void finish(FinishReason reason, int completionTokens) {
        writingBack = true;
        FinishEvent event = new FinishEvent(reason, completionTokens);
        int[] tokens = sequence.tokens();
        Mono<Void> local = options.writeBack() ? worker.writeBack().toLocalPool(sequence) : Mono.empty();
        Mono<Void> handOff = options.prefillPool() != null
                ? worker.writeBack().toPool(options.prefillPool(), tokens) : Mono.empty();
        local.onErrorResume(GenerationRun::writeBackFailed)
                .then(Mono.fromRunnable(() -> {
                    release();
                    worker.metrics().endToEnd(System.nanoTime() - arrivedNanos);
                    sink.next(event);
                }))
                .then(handOff.onErrorResume(GenerationRun::writeBackFailed))
                .subscribe(null, sink::error, sink::complete);
    }

    /** The answer stands without its write-back; only the next turn's cache hit is lost. */
    private static Mono<Void> writeBackFailed(Throwable error) {
        log.warn("writing a finished sequence's KV back to MemPool failed: {}", error.toString());
        return Mono.empty();
    }

    private synchronized void fail(Throwable error) {
        release();
        sink.error(error);
    }

    /** The subscriber went away, or the stream ended. */
    synchronized void cancel() {
        cancelled = true;
        if (writingBack) {
            return;
        }
        if (current != null) {
            current.dispose();
        }
        release();
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        Admission held = admission;
        if (sequence == null) {
            if (held != null) {
                held.release();
            }
            return;
        }
        worker.loop().release(sequence).doFinally(signal -> {
            if (held != null) {
                held.release();
            }
        }).subscribe();
    }
}
