package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of activation rows with rows stored in a segment, in tiles of several activation rows and several
 * weight rows so that every loaded vector is used more than once. Activations must be laid out by the weight format's
 * {@link ElementFormat#arrange}. Batch invariance rests on one rule: every single dot product, whatever tile computes
 * it, accumulates lane-wise block by block (part 0, then part 1) in increasing order, folds the lanes along the tree
 * of {@link #laneSum} (or {@link LaneFolds}, the same tree four at a time), then adds the scalar tail.
 */
final class DotProducts {

    /** Floats of scratch space a caller passes in: room for four accumulators. */
    static final int SCRATCH = 4 * ElementFormat.LANES;

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
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += BLOCK) {
            acc = f.loadPart(w, wAt + i, 0).fma(FloatVector.fromArray(SPECIES, x, xAt + i), acc);
            acc = f.loadPart(w, wAt + i, 1).fma(FloatVector.fromArray(SPECIES, x, xAt + i + LANES), acc);
        }
        return laneSum(acc, scratch) + tail(f, x, xAt, w, wAt, bound, n);
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
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int i = 0; i < bound; i += BLOCK) {
                acc = f.loadPart(w, row + i, 0).fma(FloatVector.fromArray(SPECIES, x, xAt + i), acc);
                acc = f.loadPart(w, row + i, 1).fma(FloatVector.fromArray(SPECIES, x, xAt + i + LANES), acc);
            }
            acc.intoArray(scratch, c * LANES);
        }
        finish4(scratch, f, x, xAt, w, wAt, bound, n, out, at);
    }

    /** Four weight rows against one activation row; results go to {@code out[at .. at+4)}. */
    static void dot1x4(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            float[] scratch) {
        long w1 = wAt + n;
        long w2 = w1 + n;
        long w3 = w2 + n;
        int bound = blocked(n);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < bound; i += BLOCK) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xAt + i);
            FloatVector u = FloatVector.fromArray(SPECIES, x, xAt + i + LANES);
            a0 = f.loadPart(w, wAt + i, 0).fma(v, a0);
            a0 = f.loadPart(w, wAt + i, 1).fma(u, a0);
            a1 = f.loadPart(w, w1 + i, 0).fma(v, a1);
            a1 = f.loadPart(w, w1 + i, 1).fma(u, a1);
            a2 = f.loadPart(w, w2 + i, 0).fma(v, a2);
            a2 = f.loadPart(w, w2 + i, 1).fma(u, a2);
            a3 = f.loadPart(w, w3 + i, 0).fma(v, a3);
            a3 = f.loadPart(w, w3 + i, 1).fma(u, a3);
        }
        a0.intoArray(scratch, 0);
        a1.intoArray(scratch, LANES);
        a2.intoArray(scratch, 2 * LANES);
        a3.intoArray(scratch, 3 * LANES);
        finish4(scratch, f, x, xAt, w, wAt, bound, n, out, at);
    }

    /**
     * Four weight rows against four activation rows {@code xAt + r*n}; result of activation row r, weight row c goes to
     * {@code out[at + r*outStride + c]}.
     */
    static void dot4x4(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            int outStride, float[] scratch) {
        int x1 = xAt + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        long w1 = wAt + n;
        long w2 = w1 + n;
        long w3 = w2 + n;
        int bound = blocked(n);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < bound; i += BLOCK) {
            for (int part = 0; part < 2; part++) {
                int xi = i + part * LANES;
                FloatVector v0 = FloatVector.fromArray(SPECIES, x, xAt + xi);
                FloatVector v1 = FloatVector.fromArray(SPECIES, x, x1 + xi);
                FloatVector v2 = FloatVector.fromArray(SPECIES, x, x2 + xi);
                FloatVector v3 = FloatVector.fromArray(SPECIES, x, x3 + xi);
                FloatVector k = f.loadPart(w, wAt + i, part);
                a00 = k.fma(v0, a00);
                a10 = k.fma(v1, a10);
                a20 = k.fma(v2, a20);
                a30 = k.fma(v3, a30);
                k = f.loadPart(w, w1 + i, part);
                a01 = k.fma(v0, a01);
                a11 = k.fma(v1, a11);
                a21 = k.fma(v2, a21);
                a31 = k.fma(v3, a31);
                k = f.loadPart(w, w2 + i, part);
                a02 = k.fma(v0, a02);
                a12 = k.fma(v1, a12);
                a22 = k.fma(v2, a22);
                a32 = k.fma(v3, a32);
                k = f.loadPart(w, w3 + i, part);
                a03 = k.fma(v0, a03);
                a13 = k.fma(v1, a13);
                a23 = k.fma(v2, a23);
                a33 = k.fma(v3, a33);
            }
        }
        a00.intoArray(scratch, 0);
        a01.intoArray(scratch, LANES);
        a02.intoArray(scratch, 2 * LANES);
        a03.intoArray(scratch, 3 * LANES);
        finish4(scratch, f, x, xAt, w, wAt, bound, n, out, at);
        a10.intoArray(scratch, 0);
        a11.intoArray(scratch, LANES);
        a12.intoArray(scratch, 2 * LANES);
        a13.intoArray(scratch, 3 * LANES);
        finish4(scratch, f, x, x1, w, wAt, bound, n, out, at + outStride);
        a20.intoArray(scratch, 0);
        a21.intoArray(scratch, LANES);
        a22.intoArray(scratch, 2 * LANES);
        a23.intoArray(scratch, 3 * LANES);
        finish4(scratch, f, x, x2, w, wAt, bound, n, out, at + 2 * outStride);
        a30.intoArray(scratch, 0);
        a31.intoArray(scratch, LANES);
        a32.intoArray(scratch, 2 * LANES);
        a33.intoArray(scratch, 3 * LANES);
        finish4(scratch, f, x, x3, w, wAt, bound, n, out, at + 3 * outStride);
    }

    /**
     * Folds one activation row's four accumulators, spilled to {@code scratch}, against four consecutive weight rows
     * into {@code out[at..at+4)}. Accumulators cross method boundaries through memory, not as vector objects, so
     * nothing is boxed whatever the JIT decides to inline.
     */
    private static void finish4(float[] scratch, ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt,
            int bound, int n, float[] out, int at) {
        LaneFolds.fold4(scratch, out, at);
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
