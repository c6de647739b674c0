package io.memserve.decode.batch;

import java.util.concurrent.atomic.AtomicBoolean;

/** A request's place in the running batch and its reserved KV pages, held until {@link #release()}. */
public final class Admission {

    private final int pages;
    private final long waitedNanos;
    private final AdmissionQueue queue;
    private final AtomicBoolean released = new AtomicBoolean();

    Admission(int pages, long waitedNanos, AdmissionQueue queue) {
        this.pages = pages;
        this.waitedNanos = waitedNanos;
        this.queue = queue;
    }

    /** How long the request waited in the queue. */
    public long waitedNanos() {
        return waitedNanos;
    }

    /** Gives the batch slot and the pages back; only the first call counts. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            queue.released(pages);
        }
    }
}
