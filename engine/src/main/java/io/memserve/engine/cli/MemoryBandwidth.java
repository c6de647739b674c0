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
 * far larger than the caches with the Vector API; the best pass. On a small machine shared with other work a pass
 * that meets another busy process reads at about one core's rate (a second thread then shares a core instead of
 * streaming beside it), so passes are taken at several moments of a run, between the measurements, and the best one
 * counts: it is what the cores can read when they have the memory system to themselves, which is the floor a decode
 * step is held to.
 */
final class MemoryBandwidth implements AutoCloseable {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final long CHUNK = 1L << 20;

    private final WorkerPool workers;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final DoubleAdder sink = new DoubleAdder();
    private double best;

    MemoryBandwidth(WorkerPool workers, long bytes) {
        this.workers = workers;
        this.buffer = arena.allocate(bytes / CHUNK * CHUNK, 64);
        buffer.fill((byte) 1);
    }

    /** Runs {@code passes} more passes over the buffer. */
    void sample(int passes) {
        int chunks = (int) (buffer.byteSize() / CHUNK);
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            workers.parallelFor(chunks, c -> sink.add(sum(buffer, c * CHUNK)));
            long elapsed = System.nanoTime() - start;
            best = Math.max(best, buffer.byteSize() / (elapsed / 1e9));
        }
    }

    /** Bytes per second of the best pass so far. */
    double best() {
        if (sink.sum() == 0) {
            throw new IllegalStateException("the probe read nothing");
        }
        return best;
    }

    @Override
    public void close() {
        arena.close();
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
