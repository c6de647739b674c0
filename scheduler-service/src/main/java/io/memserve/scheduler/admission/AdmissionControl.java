package io.memserve.scheduler.admission;

import java.util.ArrayDeque;
import java.util.Deque;

import io.memserve.openai.OpenAiErrors;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * At most {@code maxInFlight} requests generate at once; up to {@code maxQueued} more wait in arrival order; a request
 * beyond both is refused with 429 at once, so overload shows as quick refusals rather than unbounded latency. A
 * waiting request whose client leaves gives up its place.
 */
public final class AdmissionControl {
    private final int maxInFlight;
    private final int maxQueued;
    private final Deque<Waiter> queue = new ArrayDeque<>();
    private int inFlight;

    /** A running request's slot; closing it (once) lets the next waiting request in. */
    public final class Permit implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            synchronized (AdmissionControl.this) {
                if (closed) {
                    return;
                }
                closed = true;
                inFlight--;
            }
            admitNext();
        }
    }

    /** A queued request; {@code permit} is set when it is let in, so a client leaving at that moment frees it. */
    private static final class Waiter {
        final MonoSink<Permit> sink;
        Permit permit;

        Waiter(MonoSink<Permit> sink) {
            this.sink = sink;
        }
    }

    public AdmissionControl(int maxInFlight, int maxQueued) {
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
    }

    public Mono<Permit> admit() {
        return Mono.create(sink -> {
            synchronized (this) {
                if (inFlight < maxInFlight) {
                    inFlight++;
                } else if (queue.size() < maxQueued) {
                    Waiter waiter = new Waiter(sink);
                    queue.addLast(waiter);
                    sink.onCancel(() -> leave(waiter));
                    return;
                } else {
                    sink.error(OpenAiErrors.overloaded());
                    return;
                }
            }
            sink.success(new Permit());
        });
    }

    public synchronized int running() {
        return inFlight;
    }

    public synchronized int waiting() {
        return queue.size();
    }

    private void admitNext() {
        Waiter next;
        synchronized (this) {
            if (inFlight >= maxInFlight || queue.isEmpty()) {
                return;
            }
            next = queue.pollFirst();
            inFlight++;
            next.permit = new Permit();
        }
        next.sink.success(next.permit);
    }

    private void leave(Waiter waiter) {
        Permit admitted;
        synchronized (this) {
            if (queue.remove(waiter)) {
                return;
            }
            admitted = waiter.permit;
        }
        if (admitted != null) {
            admitted.close();
        }
    }
}
