package io.memserve.engine.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x in float, built from plain IEEE multiplies and adds (range reduction by ln 2, a degree-7 polynomial, an
 * exponent shift), so that its bits never depend on whether a JIT intrinsic or the interpreter ran, and the vector
 * and scalar forms agree bit for bit. Inputs are clamped to [-87, 88]; below, the result is about 1.6e-38 instead of
 * a denormal, which a softmax or a sigmoid does not notice.
 */
final class FloatExp {

    private static final VectorSpecies<Float> SPECIES = ElementFormat.SPECIES;
    private static final float LOWEST = -87f;
    private static final float HIGHEST = 88f;
    private static final float LOG2E = 1.44269504f;
    private static final float ROUNDER = 12582912f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float C2 = 1f / 2;
    private static final float C3 = 1f / 6;
    private static final float C4 = 1f / 24;
    private static final float C5 = 1f / 120;
    private static final float C6 = 1f / 720;
    private static final float C7 = 1f / 5040;

    private FloatExp() {
    }

    static float exp(float value) {
        float x = Math.min(Math.max(value, LOWEST), HIGHEST);
        float n = (x * LOG2E + ROUNDER) - ROUNDER;
        float r = (x - n * LN2_HI) - n * LN2_LO;
        float p = 1f + r * (1f + r * (C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * C7))))));
        return p * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    /** {@code a[i] = exp(a[i])} for i in {@code [from, to)}. */
    static void expInPlace(float[] a, int from, int to) {
        int i = from;
        for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += SPECIES.length()) {
            exp(FloatVector.fromArray(SPECIES, a, i)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = exp(a[i]);
        }
    }

    static FloatVector exp(FloatVector value) {
        FloatVector x = value.max(LOWEST).min(HIGHEST);
        FloatVector n = x.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(C7).add(C6).mul(r).add(C5).mul(r).add(C4).mul(r).add(C3).mul(r).add(C2).mul(r).add(1f)
                .mul(r).add(1f);
        IntVector scale = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(scale.reinterpretAsFloats());
    }
}
