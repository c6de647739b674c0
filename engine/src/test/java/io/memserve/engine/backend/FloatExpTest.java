package io.memserve.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatExpTest {

    @Test
    void vectorAndScalarFormsAgreeBitForBitAndStayWithinTwoUlps() {
        SplittableRandom random = new SplittableRandom(7);
        float[] xs = new float[4096];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextDouble(-87, 88);
        }
        float[] vectorised = xs.clone();
        FloatExp.expInPlace(vectorised, 0, vectorised.length);
        for (int i = 0; i < xs.length; i++) {
            float scalar = FloatExp.exp(xs[i]);
            assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(vectorised[i]), "x = " + xs[i]);
            double exact = Math.exp(xs[i]);
            assertTrue(Math.abs(scalar - exact) <= 2 * Math.ulp((float) exact), "x = " + xs[i] + ": " + scalar
                    + " vs " + exact);
        }
    }

    @Test
    void extremesStayFinite() {
        assertEquals(Math.exp(88), FloatExp.exp(1000f), Math.ulp((float) Math.exp(88)) * 2);
        assertTrue(FloatExp.exp(-1000f) >= 0f && FloatExp.exp(-1000f) < 1e-37f);
        assertEquals(1f, FloatExp.exp(0f));
    }
}
