package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of float rows with rows stored in a segment, in tiles of several activation rows and several weight
 * rows so that every loaded vector is used more than once. Batch invariance rests on one rule: every single dot
 * product, whatever tile computes it, accumulates lane-wise over the vector part in increasing order, folds the lanes
 * with {@link #laneSum}, then adds the scalar tail in increasing order.
 */
final class DotProducts {

    static final VectorSpecies<Float> SPECIES = ElementFormat.SPECIES;
    static final int LANES = SPECIES.length();

    private DotProducts() {
    }

    /** One dot product: {@code x[xAt .. xAt+n) . w[wAt .. wAt+n)}. */
    static float dot(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] scratch) {
        int bound = SPECIES.loopBound(n);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += LANES) {
            acc = f.load(w, wAt + i).fma(FloatVector.fromArray(SPECIES, x, xAt + i), acc);
        }
        return finish(acc, f, x, xAt, w, wAt, bound, n, scratch);
    }

    /** Four weight rows against one activation row; results go to {@code out[at .. at+4)}. */
    static void dot1x4(ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt, int n, float[] out, int at,
            float[] scratch) {
        long w1 = wAt + n;
        long w2 = w1 + n;
        long w3 = w2 + n;
        int bound = SPECIES.loopBound(n);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int i = 0; i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, xAt + i);
            a0 = f.load(w, wAt + i).fma(v, a0);
            a1 = f.load(w, w1 + i).fma(v, a1);
            a2 = f.load(w, w2 + i).fma(v, a2);
            a3 = f.load(w, w3 + i).fma(v, a3);
        }
        out[at] = finish(a0, f, x, xAt, w, wAt, bound, n, scratch);
        out[at + 1] = finish(a1, f, x, xAt, w, w1, bound, n, scratch);
        out[at + 2] = finish(a2, f, x, xAt, w, w2, bound, n, scratch);
        out[at + 3] = finish(a3, f, x, xAt, w, w3, bound, n, scratch);
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
        int bound = SPECIES.loopBound(n);
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int i = 0; i < bound; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(SPECIES, x, xAt + i);
            FloatVector v1 = FloatVector.fromArray(SPECIES, x, x1 + i);
            FloatVector v2 = FloatVector.fromArray(SPECIES, x, x2 + i);
            FloatVector v3 = FloatVector.fromArray(SPECIES, x, x3 + i);
            FloatVector k = f.load(w, wAt + i);
            a00 = k.fma(v0, a00);
            a10 = k.fma(v1, a10);
            a20 = k.fma(v2, a20);
            a30 = k.fma(v3, a30);
            k = f.load(w, w1 + i);
            a01 = k.fma(v0, a01);
            a11 = k.fma(v1, a11);
            a21 = k.fma(v2, a21);
            a31 = k.fma(v3, a31);
            k = f.load(w, w2 + i);
            a02 = k.fma(v0, a02);
            a12 = k.fma(v1, a12);
            a22 = k.fma(v2, a22);
            a32 = k.fma(v3, a32);
            k = f.load(w, w3 + i);
            a03 = k.fma(v0, a03);
            a13 = k.fma(v1, a13);
            a23 = k.fma(v2, a23);
            a33 = k.fma(v3, a33);
        }
        int o1 = at + outStride;
        int o2 = o1 + outStride;
        int o3 = o2 + outStride;
        out[at] = finish(a00, f, x, xAt, w, wAt, bound, n, scratch);
        out[at + 1] = finish(a01, f, x, xAt, w, w1, bound, n, scratch);
        out[at + 2] = finish(a02, f, x, xAt, w, w2, bound, n, scratch);
        out[at + 3] = finish(a03, f, x, xAt, w, w3, bound, n, scratch);
        out[o1] = finish(a10, f, x, x1, w, wAt, bound, n, scratch);
        out[o1 + 1] = finish(a11, f, x, x1, w, w1, bound, n, scratch);
        out[o1 + 2] = finish(a12, f, x, x1, w, w2, bound, n, scratch);
        out[o1 + 3] = finish(a13, f, x, x1, w, w3, bound, n, scratch);
        out[o2] = finish(a20, f, x, x2, w, wAt, bound, n, scratch);
        out[o2 + 1] = finish(a21, f, x, x2, w, w1, bound, n, scratch);
        out[o2 + 2] = finish(a22, f, x, x2, w, w2, bound, n, scratch);
        out[o2 + 3] = finish(a23, f, x, x2, w, w3, bound, n, scratch);
        out[o3] = finish(a30, f, x, x3, w, wAt, bound, n, scratch);
        out[o3 + 1] = finish(a31, f, x, x3, w, w1, bound, n, scratch);
        out[o3 + 2] = finish(a32, f, x, x3, w, w2, bound, n, scratch);
        out[o3 + 3] = finish(a33, f, x, x3, w, w3, bound, n, scratch);
    }

    private static float finish(FloatVector acc, ElementFormat f, float[] x, int xAt, MemorySegment w, long wAt,
            int bound, int n, float[] scratch) {
        float tail = 0f;
        for (int i = bound; i < n; i++) {
            tail = Math.fma(x[xAt + i], f.get(w, wAt + i), tail);
        }
        return laneSum(acc, scratch) + tail;
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
