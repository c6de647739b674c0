package io.memserve.engine.backend;

import io.memserve.engine.model.Weight;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix copied into the order the products read it: output rows in groups of {@link #GROUP}, each group one
 * contiguous run, so a task streams one run from memory instead of many 1.5 KiB rows side by side. Within a group the
 * inputs go by pairs (2p, 2p+1); for each pair come {@link #TILES} blocks, one per {@link ElementFormat#LANES} outputs,
 * laid out so that part 0 of a block holds input 2p of those outputs, one per lane, and part 1 input 2p+1. A kernel
 * then multiplies a whole weight vector by one broadcast activation, and each lane of an accumulator is one output:
 * no lanes to fold at the end. Outputs past the matrix and the input past an odd width are zeros.
 */
final class PackedWeight {

    static final int TILES = 4;
    static final int GROUP = TILES * ElementFormat.LANES;

    private final ElementFormat format;
    private final MemorySegment data;
    private final int rows;
    private final int pairs;
    private final int groups;

    private PackedWeight(ElementFormat format, MemorySegment data, int rows, int pairs, int groups) {
        this.format = format;
        this.data = data;
        this.rows = rows;
        this.pairs = pairs;
        this.groups = groups;
    }

    /** Copies {@code w} into a segment of {@code arena}, groups spread over {@code pool}. */
    static PackedWeight pack(Weight w, Arena arena, WorkerPool pool) {
        ElementFormat f = ElementFormat.of(w.dtype());
        int pairs = (w.cols() + 1) / 2;
        int groups = (w.rows() + GROUP - 1) / GROUP;
        MemorySegment data = arena.allocate((long) groups * pairs * TILES * ElementFormat.BLOCK * w.dtype().bytes(),
                64);
        PackedWeight packed = new PackedWeight(f, data, w.rows(), pairs, groups);
        pool.parallelFor(groups, g -> packed.packGroup(w, g));
        return packed;
    }

    private void packGroup(Weight w, int g) {
        int lanes = ElementFormat.LANES;
        float[] byPart = new float[ElementFormat.BLOCK];
        float[] inMemory = new float[ElementFormat.BLOCK];
        for (int p = 0; p < pairs; p++) {
            for (int j = 0; j < TILES; j++) {
                for (int part = 0; part < 2; part++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        int row = g * GROUP + j * lanes + lane;
                        int col = 2 * p + part;
                        byPart[part * lanes + lane] = row < w.rows() && col < w.cols()
                                ? format.get(w.data(), (long) row * w.cols() + col) : 0f;
                    }
                }
                format.restore(byPart, 0, inMemory, 0, ElementFormat.BLOCK);
                long at = block(g, p, j);
                for (int e = 0; e < ElementFormat.BLOCK; e++) {
                    format.put(data, at + e, inMemory[e]);
                }
            }
        }
    }

    /** Element index of the block of input pair {@code p}, tile {@code j} of group {@code g}. */
    long block(int g, int p, int j) {
        return (((long) g * pairs + p) * TILES + j) * ElementFormat.BLOCK;
    }

    ElementFormat format() {
        return format;
    }

    MemorySegment data() {
        return data;
    }

    /** Output rows of the matrix. */
    int rows() {
        return rows;
    }

    /** Input pairs: the width rounded up to even, halved. */
    int pairs() {
        return pairs;
    }

    int groups() {
        return groups;
    }
}
