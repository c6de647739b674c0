package io.memserve.mempool.protocol;

import java.lang.foreign.MemorySegment;
import java.util.List;
import reactor.core.publisher.Mono;

/** A thread-safe, non-blocking client of one peer's data plane, over a small pool of connections. */
public final class DataPlaneClient implements AutoCloseable {

    public static DataPlaneClient connect(String host, int port, DataPlaneSettings settings) {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }

    public Mono<Void> put(long[] addresses, List<MemorySegment> blocks) {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }

    public Mono<Void> get(long[] addresses, List<MemorySegment> into) {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }
}
