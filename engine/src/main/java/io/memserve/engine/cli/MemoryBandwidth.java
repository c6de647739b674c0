package io.memserve.engine.cli;

import io.memserve.engine.backend.WorkerPool;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's memory read bandwidth as the engine can use it: every worker summing its share of an off-heap buffer
 * far larger than the caches with the Vector API; the best of a few passes.
 */
final class MemoryBandwidth {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final long CHUNK = 1L << 20;

    private MemoryBandwidth() {
    }

    /** Bytes per second. */
    static double measure(WorkerPool workers, long bytes, int passes) {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment buffer = arena.allocate(bytes, 64);
            buffer.fill((byte) 1);
            int chunks = (int) (bytes / CHUNK);
            DoubleAdder sink = new DoubleAdder();
            double best = 0;
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                workers.parallelFor(chunks, c -> sink.add(sum(buffer, c * CHUNK)));
                long elapsed = System.nanoTime() - start;
                best = Math.max(best, chunks * CHUNK / (elapsed / 1e9));
            }
            if (sink.sum() == 0) {
                throw new IllegalStateException("the probe read nothing");
            }
            return best;
        }
    }

    private static float sum(MemorySegment buffer, long from) {
        int step = SPECIES.vectorByteSize();
        FloatVector a = FloatVector.zero(SPECIES);
        FloatVector b = a;
        FloatVector c = a;
        FloatVector d = a;
        for (long at = from, end = from + CHUNK; at < end; at += 4L * step) {
            a = a.add(FloatVector.fromMemorySegment(SPECIES, buffer, at, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(SPECIES, buffer, at + step, ByteOrder.LITTLE_ENDIAN));
            c = c.add(FloatVector.fromMemorySegment(SPECIES, buffer, at + 2L * step, ByteOrder.LITTLE_ENDIAN));
            d = d.add(FloatVector.fromMemorySegment(SPECIES, buffer, at + 3L * step, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
    }
}
