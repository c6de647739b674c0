package io.memserve.mempool.protocol;

import io.netty.util.concurrent.ScheduledFuture;
import reactor.core.publisher.MonoSink;

/** One batch sent, or waiting to be sent, on a connection; touched only on that connection's event loop. */
final class PendingCall {

    final BlockBatch batch;
    final long deadlineNanos;
    private final MonoSink<Void> sink;
    int requestId;
    ScheduledFuture<?> timer;
    /** Set while the answer to a GET is arriving into the call's segments. */
    SegmentsPayload receiving;

    PendingCall(BlockBatch batch, long deadlineNanos, MonoSink<Void> sink) {
        this.batch = batch;
        this.deadlineNanos = deadlineNanos;
        this.sink = sink;
    }

    void succeed() {
        stopTimer();
        sink.success();
    }

    void fail(DataPlaneException error) {
        stopTimer();
        sink.error(error);
    }

    void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
