package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one activation row with rows stored in a segment (a query with the keys of a KV page), several rows
 * in turn and folded together. Activations must be laid out by the format's {@link ElementFormat#arrange}. Every single
 * dot product accumulates part 0 and part 1 of the blocks lane-wise into two accumulators in increasing order, adds
 * those, folds the lanes along the tree of {@link #laneSum} (or {@link LaneFolds}, the same tree several at a time),
 * then adds the scalar tail, so the sum does not depend on which of these kernels computes it. Two accumulators halve
 * the chain of dependent multiply-adds a memory-bound row waits on.
 */
final class DotProducts {

    /** Floats of scratch space a caller passes in: room for sixteen accumulators and their sixteen sums. */
    static final int SCRATCH = 16 * ElementFormat.LANES + 16;

    static final VectorSpecies<Float> SPECIES = ElementFormat.SPECIES;
    static final int LANES = ElementFormat.LANES;
    static final int BLOCK = ElementFormat.BLOCK;

    private DotProducts() {
    }

    /** Elements of a row of {@code n} covered by whole blocks. */
    static int blocked(int n) {
        return n / BLOCK * BLOCK;
    }

    /** One dot product: {@code x[xAt .. xAt+n) . w[wAt .. wAt+n)}. */
    static float dot(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] scratch) {
        int bound = blocked(n);
        FloatVector even = FloatVector.zero(SPECIES);
        FloatVector odd = even;
        for (int i = 0; i < bound; i += BLOCK) {
            even = f.loadPart(w, wAt + i, 0).fma(FloatVector.fromArray(SPECIES, x, xAt + i), even);
            odd = f.loadPart(w, wAt + i, 1).fma(FloatVector.fromArray(SPECIES, x, xAt + i + LANES), odd);
        }
        return laneSum(even.add(odd), scratch) + tail(f, x, xAt, w, wAt, bound, n);
    }

    /**
     * Four weight rows against one activation row, one row after the other (a single memory stream, which small
     * batches read fastest), folded together; results go to {@code out[at .. at+4)}.
     */
    static void dot4InTurn(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            float[] scratch) {
        int bound = blocked(n);
        for (int c = 0; c < 4; c++) {
            long row = wAt + (long) c * n;
            FloatVector even = FloatVector.zero(SPECIES);
            FloatVector odd = even;
            for (int i = 0; i < bound; i += BLOCK) {
                even = f.loadPart(w, row + i, 0).fma(FloatVector.fromArray(SPECIES, x, xAt + i), even);
                odd = f.loadPart(w, row + i, 1).fma(FloatVector.fromArray(SPECIES, x, xAt + i + LANES), odd);
            }
            even.add(odd).intoArray(scratch, c * LANES);
        }
        finish4(scratch, 0, f, x, xAt, w, wAt, bound, n, out, at);
    }

    /**
     * LANES weight rows against one activation row, one row after the other, folded together in one vector; results go
     * to {@code out[at .. at+LANES)}.
     */
    static void dotLanesInTurn(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out,
            int at, float[] scratch) {
        int bound = blocked(n);
        for (int c = 0; c < LANES; c++) {
            long row = wAt + (long) c * n;
            FloatVector even = FloatVector.zero(SPECIES);
            FloatVector odd = even;
            for (int i = 0; i < bound; i += BLOCK) {
                even = f.loadPart(w, row + i, 0).fma(FloatVector.fromArray(SPECIES, x, xAt + i), even);
                odd = f.loadPart(w, row + i, 1).fma(FloatVector.fromArray(SPECIES, x, xAt + i + LANES), odd);
            }
            even.add(odd).intoArray(scratch, c * LANES);
        }
        LaneFolds.foldLanes(scratch, 0, out, at);
        for (int c = 0; c < LANES; c++) {
            out[at + c] += tail(f, x, xAt, w, wAt + (long) c * n, bound, n);
        }
    }

    /**
     * Folds one activation row's four accumulators, spilled to {@code scratch}, against four consecutive weight rows
     * into {@code out[at..at+4)}. Accumulators cross method boundaries through memory, not as vector objects, so
     * nothing is boxed whatever the JIT decides to inline.
     */
    private static void finish4(float[] scratch, int from, ElementFormat f, float[] x, int xAt, MemorySegment w,
            long wAt, int bound, int n, float[] out, int at) {
        LaneFolds.fold4(scratch, from, out, at);
        for (int c = 0; c < 4; c++) {
            out[at + c] += tail(f, x, xAt, w, wAt + (long) c * n, bound, n);
        }
    }

    /** The products past the last whole block, in increasing order. */
    private static float tail(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int bound, int n) {
        return bound == n ? 0f : scalarTail(f, x, xAt, w, wAt, bound, n);
    }

    private static float scalarTail(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int bound,
            int n) {
        float tail = 0f;
        for (int i = bound; i < n; i++) {
            tail = Math.fma(x[xAt + i], f.get(w, wAt + i), tail);
        }
        return tail;
    }

    /**
     * Folds the lanes in one fixed tree (lane i with lane i + width, halving width), never through
     * {@code reduceLanes}, whose order may differ between interpreted and compiled code.
     */
    static float laneSum(FloatVector acc, float[] scratch) {
        acc.intoArray(scratch, 0);
        for (int width = LANES / 2; width > 0; width >>= 1) {
            for (int i = 0; i < width; i++) {
                scratch[i] += scratch[i + width];
            }
        }
        return scratch[0];
    }
}
