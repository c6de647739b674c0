package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products of activation rows with one group of a {@link PackedWeight}: each lane of an accumulator is one output,
 * multiplied in by one broadcast activation at a time. Batch invariance rests on one rule: every output, whichever
 * kernel computes it, sums its even inputs in increasing order in one chain and its odd inputs in another, then adds
 * the two. Activation rows must be padded with a zero to an even width.
 */
final class PackedProducts {

    private static final VectorSpecies<Float> SPECIES = ElementFormat.SPECIES;
    private static final int LANES = ElementFormat.LANES;
    private static final int BLOCK = ElementFormat.BLOCK;
    private static final int PAIR = PackedWeight.TILES * BLOCK;

    private PackedProducts() {
    }

    /**
     * One activation row {@code x[xAt ..]} times group {@code g}; outputs go to {@code out[at .. at+GROUP)}. Both parts
     * of each block in one pass, so the group streams from memory once, with eight chains of multiply-adds.
     */
    static void row(float[] x, int xAt, PackedWeight w, int g, float[] out, int at) {
        ElementFormat f = w.format();
        MemorySegment data = w.data();
        long first = w.block(g, 0, 0);
        FloatVector even0 = FloatVector.zero(SPECIES);
        FloatVector even1 = even0, even2 = even0, even3 = even0, odd0 = even0, odd1 = even0, odd2 = even0;
        FloatVector odd3 = even0;
        for (int p = 0, pairs = w.pairs(); p < pairs; p++) {
            long b = first + (long) p * PAIR;
            FloatVector e = FloatVector.broadcast(SPECIES, x[xAt + 2 * p]);
            FloatVector o = FloatVector.broadcast(SPECIES, x[xAt + 2 * p + 1]);
            even0 = f.loadPart(data, b, 0).fma(e, even0);
            odd0 = f.loadPart(data, b, 1).fma(o, odd0);
            even1 = f.loadPart(data, b + BLOCK, 0).fma(e, even1);
            odd1 = f.loadPart(data, b + BLOCK, 1).fma(o, odd1);
            even2 = f.loadPart(data, b + 2 * BLOCK, 0).fma(e, even2);
            odd2 = f.loadPart(data, b + 2 * BLOCK, 1).fma(o, odd2);
            even3 = f.loadPart(data, b + 3 * BLOCK, 0).fma(e, even3);
            odd3 = f.loadPart(data, b + 3 * BLOCK, 1).fma(o, odd3);
        }
        even0.add(odd0).intoArray(out, at);
        even1.add(odd1).intoArray(out, at + LANES);
        even2.add(odd2).intoArray(out, at + 2 * LANES);
        even3.add(odd3).intoArray(out, at + 3 * LANES);
    }

    /** Floats of scratch {@link #rows4} needs: the even and the odd sums of four rows. */
    static final int ROWS4_SCRATCH = 2 * 4 * PackedWeight.GROUP;

    /**
     * Four activation rows {@code stride} apart times group {@code g}; row r's outputs go to
     * {@code out[at + r*outStride ..)}. Part 0 of every block first, then part 1: sixteen accumulators each time, one
     * weight vector for four multiply-adds, and the two passes never hold more than the registers can. The passes
     * only store their sums to {@code scratch} (at least {@link #ROWS4_SCRATCH}) and the even and odd sums are added
     * after: with an add in each pass, C2 reached its node-count cutoff before inlining the pass's last stores and
     * boxed their vectors.
     */
    static void rows4(float[] x, int xAt, int stride, PackedWeight w, int g, float[] out, int at, int outStride,
            float[] scratch) {
        pass4(x, xAt, stride, w, g, 0, scratch);
        pass4(x, xAt, stride, w, g, 1, scratch);
        int odd = ROWS4_SCRATCH / 2;
        for (int r = 0; r < 4; r++) {
            int to = at + r * outStride;
            int from = r * PackedWeight.GROUP;
            for (int i = 0; i < PackedWeight.GROUP; i++) {
                out[to + i] = scratch[from + i] + scratch[odd + from + i];
            }
        }
    }

    /** Part {@code part} of {@link #rows4}: its sixteen sums go to the {@code part} half of {@code sums}. */
    private static void pass4(float[] x, int xAt, int stride, PackedWeight w, int g, int part, float[] sums) {
        ElementFormat f = w.format();
        MemorySegment data = w.data();
        long first = w.block(g, 0, 0);
        int x0 = xAt + part;
        int x1 = x0 + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        FloatVector a00 = FloatVector.zero(SPECIES);
        FloatVector a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00, a20 = a00;
        FloatVector a21 = a00, a22 = a00, a23 = a00, a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int p = 0, pairs = w.pairs(); p < pairs; p++) {
            long b = first + (long) p * PAIR;
            int i = 2 * p;
            FloatVector v0 = FloatVector.broadcast(SPECIES, x[x0 + i]);
            FloatVector v1 = FloatVector.broadcast(SPECIES, x[x1 + i]);
            FloatVector v2 = FloatVector.broadcast(SPECIES, x[x2 + i]);
            FloatVector v3 = FloatVector.broadcast(SPECIES, x[x3 + i]);
            FloatVector k = f.loadPart(data, b, part);
            a00 = k.fma(v0, a00);
            a10 = k.fma(v1, a10);
            a20 = k.fma(v2, a20);
            a30 = k.fma(v3, a30);
            k = f.loadPart(data, b + BLOCK, part);
            a01 = k.fma(v0, a01);
            a11 = k.fma(v1, a11);
            a21 = k.fma(v2, a21);
            a31 = k.fma(v3, a31);
            k = f.loadPart(data, b + 2 * BLOCK, part);
            a02 = k.fma(v0, a02);
            a12 = k.fma(v1, a12);
            a22 = k.fma(v2, a22);
            a32 = k.fma(v3, a32);
            k = f.loadPart(data, b + 3 * BLOCK, part);
            a03 = k.fma(v0, a03);
            a13 = k.fma(v1, a13);
            a23 = k.fma(v2, a23);
            a33 = k.fma(v3, a33);
        }
        int r0 = part * (ROWS4_SCRATCH / 2);
        int r1 = r0 + PackedWeight.GROUP;
        int r2 = r1 + PackedWeight.GROUP;
        int r3 = r2 + PackedWeight.GROUP;
        a00.intoArray(sums, r0);
        a01.intoArray(sums, r0 + LANES);
        a02.intoArray(sums, r0 + 2 * LANES);
        a03.intoArray(sums, r0 + 3 * LANES);
        a10.intoArray(sums, r1);
        a11.intoArray(sums, r1 + LANES);
        a12.intoArray(sums, r1 + 2 * LANES);
        a13.intoArray(sums, r1 + 3 * LANES);
        a20.intoArray(sums, r2);
        a21.intoArray(sums, r2 + LANES);
        a22.intoArray(sums, r2 + 2 * LANES);
        a23.intoArray(sums, r2 + 3 * LANES);
        a30.intoArray(sums, r3);
        a31.intoArray(sums, r3 + LANES);
        a32.intoArray(sums, r3 + 2 * LANES);
        a33.intoArray(sums, r3 + 3 * LANES);
    }
}
