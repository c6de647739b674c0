package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of activation rows with rows stored in a segment, in tiles of several activation rows and several
 * weight rows so that every loaded vector is used more than once. Activations must be laid out by the weight format's
 * {@link ElementFormat#arrange}. Batch invariance rests on one rule: every single dot product, whatever tile computes
 * it, accumulates part 0 and part 1 of the blocks lane-wise into two accumulators in increasing order, adds those,
 * folds the lanes along the tree of {@link #laneSum} (or {@link LaneFolds}, the same tree several at a time), then adds
 * the scalar tail. Two accumulators halve the chain of dependent multiply-adds a memory-bound row waits on.
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
     * Four weight rows against four activation rows {@code xAt + r*n}; result of activation row r, weight row c goes to
     * {@code out[at + r*outStride + c]}. Two passes over the blocks, part 0 of every block and then part 1, each with
     * sixteen accumulators in registers: each activation vector is loaded once and each weight vector twice (from L1
     * the second time), 16 loads per 32 multiply-adds where two passes of two weight rows take 20. The part-0 sums wait
     * in scratch until the part-1 sums are added to them, even + odd as in every kernel; then LANES at a time fold.
     */
    static void dot4x4(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            int outStride, float[] scratch) {
        int bound = blocked(n);
        evens4x4(f, x, xAt, n, w, wAt, bound, scratch);
        odds4x4(f, x, xAt, n, w, wAt, bound, scratch);
        int sums = 16 * LANES;
        for (int k = 0; k < 16; k += LANES) {
            LaneFolds.foldLanes(scratch, k * LANES, scratch, sums + k);
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                out[at + r * outStride + c] = scratch[sums + r * 4 + c]
                        + tail(f, x, xAt + r * n, w, wAt + (long) c * n, bound, n);
            }
        }
    }

    /** Part 0 of rows {@code xAt + r*n} (r < 4) against weight rows wAt + c*n (c < 4); sums to slot r*4 + c. */
    private static void evens4x4(ElementFormat f, float[] x, int xAt, int n, MemorySegment w, long wAt, int bound,
            float[] scratch) {
        int x1 = xAt + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        long w1 = wAt + n;
        long w2 = w1 + n;
        long w3 = w2 + n;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00, a20 = a00;
        FloatVector a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < bound; i += BLOCK) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, xAt + i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, x1 + i);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, x2 + i);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, x3 + i);
            FloatVector k = f.loadPart(w, wAt + i, 0);
            a00 = k.fma(v0, a00);
            a10 = k.fma(v1, a10);
            a20 = k.fma(v2, a20);
            a30 = k.fma(v3, a30);
            k = f.loadPart(w, w1 + i, 0);
            a01 = k.fma(v0, a01);
            a11 = k.fma(v1, a11);
            a21 = k.fma(v2, a21);
            a31 = k.fma(v3, a31);
            k = f.loadPart(w, w2 + i, 0);
            a02 = k.fma(v0, a02);
            a12 = k.fma(v1, a12);
            a22 = k.fma(v2, a22);
            a32 = k.fma(v3, a32);
            k = f.loadPart(w, w3 + i, 0);
            a03 = k.fma(v0, a03);
            a13 = k.fma(v1, a13);
            a23 = k.fma(v2, a23);
            a33 = k.fma(v3, a33);
        }
        a00.intoArray(scratch, 0);
        a01.intoArray(scratch, 1 * LANES);
        a02.intoArray(scratch, 2 * LANES);
        a03.intoArray(scratch, 3 * LANES);
        a10.intoArray(scratch, 4 * LANES);
        a11.intoArray(scratch, 5 * LANES);
        a12.intoArray(scratch, 6 * LANES);
        a13.intoArray(scratch, 7 * LANES);
        a20.intoArray(scratch, 8 * LANES);
        a21.intoArray(scratch, 9 * LANES);
        a22.intoArray(scratch, 10 * LANES);
        a23.intoArray(scratch, 11 * LANES);
        a30.intoArray(scratch, 12 * LANES);
        a31.intoArray(scratch, 13 * LANES);
        a32.intoArray(scratch, 14 * LANES);
        a33.intoArray(scratch, 15 * LANES);
    }

    /** Part 1 of the same tile, added to the part-0 sums in the slots. */
    private static void odds4x4(ElementFormat f, float[] x, int xAt, int n, MemorySegment w, long wAt, int bound,
            float[] scratch) {
        int x1 = xAt + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        long w1 = wAt + n;
        long w2 = w1 + n;
        long w3 = w2 + n;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00, a20 = a00;
        FloatVector a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < bound; i += BLOCK) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, xAt + i + LANES);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, x1 + i + LANES);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, x2 + i + LANES);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, x3 + i + LANES);
            FloatVector k = f.loadPart(w, wAt + i, 1);
            a00 = k.fma(v0, a00);
            a10 = k.fma(v1, a10);
            a20 = k.fma(v2, a20);
            a30 = k.fma(v3, a30);
            k = f.loadPart(w, w1 + i, 1);
            a01 = k.fma(v0, a01);
            a11 = k.fma(v1, a11);
            a21 = k.fma(v2, a21);
            a31 = k.fma(v3, a31);
            k = f.loadPart(w, w2 + i, 1);
            a02 = k.fma(v0, a02);
            a12 = k.fma(v1, a12);
            a22 = k.fma(v2, a22);
            a32 = k.fma(v3, a32);
            k = f.loadPart(w, w3 + i, 1);
            a03 = k.fma(v0, a03);
            a13 = k.fma(v1, a13);
            a23 = k.fma(v2, a23);
            a33 = k.fma(v3, a33);
        }
        FloatVector.fromArray(SPECIES, scratch, 0).add(a00).intoArray(scratch, 0);
        FloatVector.fromArray(SPECIES, scratch, 1 * LANES).add(a01).intoArray(scratch, 1 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 2 * LANES).add(a02).intoArray(scratch, 2 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 3 * LANES).add(a03).intoArray(scratch, 3 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 4 * LANES).add(a10).intoArray(scratch, 4 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 5 * LANES).add(a11).intoArray(scratch, 5 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 6 * LANES).add(a12).intoArray(scratch, 6 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 7 * LANES).add(a13).intoArray(scratch, 7 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 8 * LANES).add(a20).intoArray(scratch, 8 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 9 * LANES).add(a21).intoArray(scratch, 9 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 10 * LANES).add(a22).intoArray(scratch, 10 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 11 * LANES).add(a23).intoArray(scratch, 11 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 12 * LANES).add(a30).intoArray(scratch, 12 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 13 * LANES).add(a31).intoArray(scratch, 13 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 14 * LANES).add(a32).intoArray(scratch, 14 * LANES);
        FloatVector.fromArray(SPECIES, scratch, 15 * LANES).add(a33).intoArray(scratch, 15 * LANES);
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
