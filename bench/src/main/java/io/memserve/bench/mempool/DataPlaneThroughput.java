package io.memserve.bench.mempool;

import io.memserve.mempool.protocol.DataPlaneClient;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Put or get throughput of one pool's data plane: {@code workers} loops, each moving its own batch of blocks (so no
 * two requests touch one block at once) as fast as the pool answers, for a fixed time.
 */
final class DataPlaneThroughput {

    private DataPlaneThroughput() {
    }

    static Throughput measure(List<long[]> batchAddresses, List<List<MemorySegment>> batchSegments,
            BiFunction<long[], List<MemorySegment>, Mono<Void>> op, Duration duration) {
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Flux.range(0, batchAddresses.size())
                .flatMap(w -> {
                    long batchBytes = batchSegments.get(w).stream().mapToLong(MemorySegment::byteSize).sum();
                    return Mono.defer(() -> op.apply(batchAddresses.get(w), batchSegments.get(w)))
                            .doOnSuccess(done -> bytes.addAndGet(batchBytes))
                            .repeat(() -> System.nanoTime() < end)
                            .then();
                }, batchAddresses.size())
                .blockLast();
        return new Throughput(bytes.get(), System.nanoTime() - start);
    }

    static BiFunction<long[], List<MemorySegment>, Mono<Void>> put(DataPlaneClient client) {
        return client::put;
    }

    static BiFunction<long[], List<MemorySegment>, Mono<Void>> get(DataPlaneClient client) {
        return client::get;
    }
}
