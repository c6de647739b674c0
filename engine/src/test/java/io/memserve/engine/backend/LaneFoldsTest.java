package io.memserve.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Every fold must give the bits of the scalar tree in {@link DotProducts#laneSum}, or batch invariance breaks. */
class LaneFoldsTest {

    private static final int LANES = ElementFormat.LANES;

    @Test
    void foldLanesAndFold4GiveTheScalarTreesBits() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            float[] accs = new float[LANES * LANES];
            for (int i = 0; i < accs.length; i++) {
                // wide exponents, so that a different order of additions would round differently
                accs[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(-20, 20)));
            }
            float[] expected = new float[LANES];
            float[] scratch = new float[LANES];
            for (int k = 0; k < LANES; k++) {
                expected[k] = DotProducts.laneSum(FloatVector.fromArray(ElementFormat.SPECIES, accs, k * LANES),
                        scratch);
            }
            float[] byFour = new float[LANES];
            float[] copy = accs.clone();
            for (int k = 0; k < LANES; k += 4) {
                LaneFolds.fold4(copy, k * LANES, byFour, k);
            }
            float[] byLanes = new float[LANES];
            LaneFolds.foldLanes(accs.clone(), 0, byLanes, 0);
            for (int k = 0; k < LANES; k++) {
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(byFour[k]), "fold4 " + k);
                assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(byLanes[k]), "lanes " + k);
            }
        }
    }
}
