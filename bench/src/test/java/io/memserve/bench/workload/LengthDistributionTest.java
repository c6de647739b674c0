package io.memserve.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LengthDistributionTest {

    @Test
    void theMedianIsTheMedianAndBoundsHold() {
        LengthDistribution d = new LengthDistribution(100, 0.5, 20, 400);
        SplittableRandom random = new SplittableRandom(3);
        int[] samples = new int[20_001];
        Arrays.setAll(samples, i -> d.sample(random, 1.0));
        Arrays.sort(samples);
        assertEquals(100, samples[samples.length / 2], 3);
        assertEquals(true, samples[0] >= 20 && samples[samples.length - 1] <= 400);
    }

    @Test
    void scaleMovesMedianAndBounds() {
        LengthDistribution d = new LengthDistribution(100, 0.0, 20, 400);
        assertEquals(250, d.sample(new SplittableRandom(1), 2.5));
        assertEquals(50, d.scaledMin(2.5));
        assertEquals(1000, d.scaledMax(2.5));
        assertEquals(1, d.scaledMin(0.01));
    }

    @Test
    void fixedIsFixed() {
        assertEquals(64, LengthDistribution.fixed(64).sample(new SplittableRandom(9), 1.0));
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LengthDistribution(10, 0.1, 20, 10));
        assertThrows(IllegalArgumentException.class, () -> new LengthDistribution(0, 0.1, 1, 10));
    }
}
