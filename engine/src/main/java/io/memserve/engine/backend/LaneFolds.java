package io.memserve.engine.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Folds the lanes of several accumulators at once along the same tree as {@link DotProducts#laneSum}: lane i plus lane
 * i + width, width halving from LANES / 2 to 1. {@link #fold4} packs two vectors' halves into one (rotate and blend),
 * then shifts inside a single vector; {@link #foldLanes} folds LANES accumulators into one vector of LANES sums, each
 * level pairing two vectors' segments with two-vector selects, so a sum costs about two permutes and one add. Floating
 * point addition is commutative, so the bits equal the scalar fold's.
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
    /** Per level of {@link #foldLanes}: two-vector select indexes of each segment's first and second halves. */
    private static final float[] FIRST_HALVES = segmentHalves(0);
    private static final float[] SECOND_HALVES = segmentHalves(1);

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

    /**
     * Folds the LANES accumulators at {@code accs[from + k * LANES]} into {@code out[at + k]}, k < LANES; overwrites
     * the accumulators. At each level a vector holds consecutive segments, one per accumulator; two vectors become one
     * whose segments are half as long: the first halves of both vectors' segments plus the second halves.
     */
    static void foldLanes(float[] accs, int from, float[] out, int at) {
        int level = 0;
        for (int count = LANES; count > 2; count /= 2, level++) {
            for (int i = 0; i < count / 2; i++) {
                pairSegments(accs, from + 2 * i * LANES, level).intoArray(accs, from + i * LANES);
            }
        }
        pairSegments(accs, from, level).intoArray(out, at);
    }

    private static FloatVector pairSegments(float[] accs, int at, int level) {
        FloatVector a = FloatVector.fromArray(SPECIES, accs, at);
        FloatVector b = FloatVector.fromArray(SPECIES, accs, at + LANES);
        FloatVector first = FloatVector.fromArray(SPECIES, FIRST_HALVES, level * LANES).selectFrom(a, b);
        return first.add(FloatVector.fromArray(SPECIES, SECOND_HALVES, level * LANES).selectFrom(a, b));
    }

    /**
     * Indexes into the pair (a, b), b's lanes counted from LANES: at the level where segments are {@code length}
     * lanes long, output lane L takes lane i of segment L / (length/2), the first segments a's, the rest b's, and
     * i = L % (length/2) plus {@code half} * length/2.
     */
    private static float[] segmentHalves(int half) {
        int levels = Integer.numberOfTrailingZeros(LANES);
        float[] indexes = new float[levels * LANES];
        for (int level = 0; level < levels; level++) {
            int length = LANES >> level;
            int segmentsPerVector = LANES / length;
            for (int lane = 0; lane < LANES; lane++) {
                int segment = lane / (length / 2);
                int i = lane % (length / 2) + half * (length / 2);
                indexes[level * LANES + lane] = segment < segmentsPerVector
                        ? segment * length + i
                        : LANES + (segment - segmentsPerVector) * length + i;
            }
        }
        return indexes;
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
