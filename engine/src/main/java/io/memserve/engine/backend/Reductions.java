package io.memserve.engine.backend;

import jdk.incubator.vector.FloatVector;

/** Row reductions in the same fixed order as {@link DotProducts}. */
final class Reductions {

    private Reductions() {
    }

    static float sumOfSquares(float[] x, int at, int n, float[] scratch) {
        int bound = DotProducts.SPECIES.loopBound(n);
        FloatVector acc = FloatVector.zero(DotProducts.SPECIES);
        for (int i = 0; i < bound; i += DotProducts.LANES) {
            FloatVector v = FloatVector.fromArray(DotProducts.SPECIES, x, at + i);
            acc = v.fma(v, acc);
        }
        float tail = 0f;
        for (int i = bound; i < n; i++) {
            tail = Math.fma(x[at + i], x[at + i], tail);
        }
        return DotProducts.laneSum(acc, scratch) + tail;
    }
}
