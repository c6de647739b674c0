package io.memserve.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void linearInterpolationBetweenClosestRanks() {
        double[] oneToTen = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5.5, Percentiles.of(oneToTen, 50), 1e-12);
        assertEquals(9.1, Percentiles.of(oneToTen, 90), 1e-12);
        assertEquals(9.91, Percentiles.of(oneToTen, 99), 1e-12);
        assertEquals(1, Percentiles.of(oneToTen, 0), 1e-12);
        assertEquals(10, Percentiles.of(oneToTen, 100), 1e-12);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(42, Percentiles.of(new double[] {42}, 99), 1e-12);
    }

    @Test
    void summaryOfUnsortedValues() {
        LatencySummary s = LatencySummary.of(new double[] {40, 10, 30, 20});
        assertEquals(25, s.mean(), 1e-12);
        assertEquals(25, s.p50(), 1e-12);
        assertEquals(37, s.p90(), 1e-12);
        assertEquals(39.7, s.p99(), 1e-12);
    }

    @Test
    void nothingMeasuredIsNullNotZero() {
        LatencySummary s = LatencySummary.of(new double[0]);
        assertNull(s.mean());
        assertNull(s.p99());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[] {1}, 101));
    }
}
