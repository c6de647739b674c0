package io.memserve.engine.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Folds the lanes of four accumulators at once along the same tree as {@link DotProducts#laneSum}: lane i plus lane
 * i + width, width halving from LANES / 2 to 1. The first two levels pack two vectors' halves into one (rotate and
 * blend), the remaining ones shift inside a single vector, so four sums cost a few permutes instead of four trips
 * through memory. Floating-point addition is commutative, so the bits equal the scalar fold's.
 */
final class LaneFolds {

    private static final VectorSpecies<Float> SPECIES = ElementFormat.SPECIES;
    private static final int LANES = ElementFormat.LANES;
    private static final int QUARTER = LANES / 4;

    private static final VectorShuffle<Float> ROTATE_HALF = rotation(LANES / 2);
    private static final VectorShuffle<Float> ROTATE_QUARTER_LEFT = rotation(QUARTER);
    private static final VectorShuffle<Float> ROTATE_QUARTER_RIGHT = rotation(LANES - QUARTER);
    private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(SPECIES, -1L << (LANES / 2));
    private static final VectorMask<Float> ODD_QUARTERS = oddQuarters();
    private static final VectorShuffle<Float>[] SHIFTS = shifts();

    static {
        if (LANES < 4) {
            throw new ExceptionInInitializerError("vectors of " + LANES + " floats are too narrow; 4 or more needed");
        }
    }

    private LaneFolds() {
    }

    /** Folds the four accumulators at {@code accs[from + k * LANES]} into {@code out[at + k]}. */
    static void fold4(float[] accs, int from, float[] out, int at) {
        FloatVector ab = halves(FloatVector.fromArray(SPECIES, accs, from),
                FloatVector.fromArray(SPECIES, accs, from + LANES));
        FloatVector cd = halves(FloatVector.fromArray(SPECIES, accs, from + 2 * LANES),
                FloatVector.fromArray(SPECIES, accs, from + 3 * LANES));
        // quarters of ab are [a0 a1 b0 b1], of cd [c0 c1 d0 d1]; the sum holds a, c, b, d in quarters 0..3
        FloatVector low = ab.blend(cd.rearrange(ROTATE_QUARTER_RIGHT), ODD_QUARTERS);
        FloatVector high = ab.rearrange(ROTATE_QUARTER_LEFT).blend(cd, ODD_QUARTERS);
        FloatVector v = low.add(high);
        for (VectorShuffle<Float> shift : SHIFTS) {
            v = v.add(v.rearrange(shift));
        }
        v.intoArray(accs, from);
        out[at] = accs[from];
        out[at + 1] = accs[from + 2 * QUARTER];
        out[at + 2] = accs[from + QUARTER];
        out[at + 3] = accs[from + 3 * QUARTER];
    }

    /** Lanes i < LANES/2: x[i] + x[i + LANES/2]; the rest: y[i - LANES/2] + y[i]. */
    private static FloatVector halves(FloatVector x, FloatVector y) {
        FloatVector low = x.blend(y.rearrange(ROTATE_HALF), HIGH_HALF);
        FloatVector high = x.rearrange(ROTATE_HALF).blend(y, HIGH_HALF);
        return low.add(high);
    }

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(SPECIES, j -> (j + by) % LANES);
    }

    private static VectorMask<Float> oddQuarters() {
        boolean[] bits = new boolean[LANES];
        for (int j = 0; j < LANES; j++) {
            bits[j] = (j / QUARTER) % 2 == 1;
        }
        return VectorMask.fromArray(SPECIES, bits, 0);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] shifts() {
        int levels = Integer.numberOfTrailingZeros(QUARTER);
        VectorShuffle<Float>[] shifts = new VectorShuffle[levels];
        for (int l = 0; l < levels; l++) {
            shifts[l] = rotation(QUARTER >> (l + 1));
        }
        return shifts;
    }
}
