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
     * {@code out[at + r*outStride + c]}. Two passes of two weight rows keep the sixteen accumulators in registers; the
     * sixteen are folded LANES at a time.
     */
    static void dot4x4(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            int outStride, float[] scratch) {
        int bound = blocked(n);
        pass4x2(f, x, xAt, n, w, wAt, bound, scratch, 0);
        pass4x2(f, x, xAt, n, w, wAt + 2L * n, bound, scratch, 2);
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

    /** Rows {@code xAt + r*n} (r < 4) against weight rows wAt and wAt + n; sums spilled to slot r*4 + c0 + c. */
    private static void pass4x2(ElementFormat f, float[] x, int xAt, int n, MemorySegment w, long wAt, int bound,
            float[] scratch, int c0) {
        int x1 = xAt + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        long w1 = wAt + n;
        FloatVector e00 = FloatVector.zero(SPECIES);
        FloatVector e01 = e00, e10 = e00, e11 = e00, e20 = e00, e21 = e00, e30 = e00, e31 = e00;
        FloatVector o00 = e00, o01 = e00, o10 = e00, o11 = e00, o20 = e00, o21 = e00, o30 = e00, o31 = e00;
        for (int i = 0; i < bound; i += BLOCK) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, xAt + i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, x1 + i);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, x2 + i);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, x3 + i);
            FloatVector k = f.loadPart(w, wAt + i, 0);
            e00 = k.fma(v0, e00);
            e10 = k.fma(v1, e10);
            e20 = k.fma(v2, e20);
            e30 = k.fma(v3, e30);
            k = f.loadPart(w, w1 + i, 0);
            e01 = k.fma(v0, e01);
            e11 = k.fma(v1, e11);
            e21 = k.fma(v2, e21);
            e31 = k.fma(v3, e31);
            v0 = FloatVector.fromArray(SPECIES, x, xAt + i + LANES);
            v1 = FloatVector.fromArray(SPECIES, x, x1 + i + LANES);
            v2 = FloatVector.fromArray(SPECIES, x, x2 + i + LANES);
            v3 = FloatVector.fromArray(SPECIES, x, x3 + i + LANES);
            k = f.loadPart(w, wAt + i, 1);
            o00 = k.fma(v0, o00);
            o10 = k.fma(v1, o10);
            o20 = k.fma(v2, o20);
            o30 = k.fma(v3, o30);
            k = f.loadPart(w, w1 + i, 1);
            o01 = k.fma(v0, o01);
            o11 = k.fma(v1, o11);
            o21 = k.fma(v2, o21);
            o31 = k.fma(v3, o31);
        }
        e00.add(o00).intoArray(scratch, c0 * LANES);
        e01.add(o01).intoArray(scratch, (c0 + 1) * LANES);
        e10.add(o10).intoArray(scratch, (4 + c0) * LANES);
        e11.add(o11).intoArray(scratch, (5 + c0) * LANES);
        e20.add(o20).intoArray(scratch, (8 + c0) * LANES);
        e21.add(o21).intoArray(scratch, (9 + c0) * LANES);
        e30.add(o30).intoArray(scratch, (12 + c0) * LANES);
        e31.add(o31).intoArray(scratch, (13 + c0) * LANES);
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
