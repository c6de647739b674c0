package io.memserve.prefill.work;

import java.util.ArrayDeque;
import java.util.Queue;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Bounds the prefills in progress: a request takes a slot before its sequence is created and gives it back when it
 * ends, so engine pages go to a bounded number of prompts and the rest wait in arrival order.
 */
public final class PrefillSlots {

    private final int slots;
    private final Queue<Sinks.Empty<Void>> waiting = new ArrayDeque<>();
    private int running;

    public PrefillSlots(int slots) {
        this.slots = slots;
    }

    /** Runs {@code work} in a slot: it starts once a slot is free and frees it however it ends. */
    public <T> Mono<T> inSlot(Mono<T> work) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> turn = Sinks.empty();
            enqueue(turn);
            return turn.asMono().then(work)
                    .doFinally(signal -> leave(turn));
        });
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private synchronized void enqueue(Sinks.Empty<Void> turn) {
        waiting.add(turn);
        admit();
    }

    private synchronized void leave(Sinks.Empty<Void> turn) {
        if (!waiting.remove(turn)) {
            running--;
        }
        admit();
    }

    private void admit() {
        while (running < slots && !waiting.isEmpty()) {
            running++;
            waiting.poll().tryEmitEmpty();
        }
    }
}
