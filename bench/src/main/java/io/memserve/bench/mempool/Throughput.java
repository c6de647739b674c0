package io.memserve.bench.mempool;

/** Bytes moved and the time it took, summed over the rounds of one kind of measurement. */
record Throughput(long bytes, long nanos) {

    static final Throughput NONE = new Throughput(0, 0);

    Throughput plus(Throughput other) {
        return new Throughput(bytes + other.bytes, nanos + other.nanos);
    }

    /** Bytes per nanosecond, which is GB/s. */
    double gbPerSecond() {
        return nanos == 0 ? 0 : bytes / (double) nanos;
    }
}
