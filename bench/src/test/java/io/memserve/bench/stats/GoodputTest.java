package io.memserve.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoodputTest {
    private static final double[] TTFT = {100, 200, 300, 400};
    private static final Double[] TPOT = {10.0, 50.0, null, 20.0};

    @Test
    void countsRequestsMeetingBothObjectives() {
        // 100/10 and 300/one token meet both; 200/50 misses TPOT; 400/20 misses TTFT.
        assertEquals(1.0, Goodput.perSecond(TTFT, TPOT, new Slo(300.0, 20.0), 2.0), 1e-12);
    }

    @Test
    void anUnsetObjectiveIsAlwaysMet() {
        assertEquals(1.5, Goodput.perSecond(TTFT, TPOT, new Slo(300.0, null), 2.0), 1e-12);
        assertEquals(1.5, Goodput.perSecond(TTFT, TPOT, new Slo(null, 20.0), 2.0), 1e-12);
        assertFalse(new Slo(null, null).isSet());
        assertTrue(new Slo(1.0, null).isSet());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Slo(-1.0, null));
        assertThrows(IllegalArgumentException.class,
                () -> Goodput.perSecond(TTFT, new Double[1], new Slo(1.0, null), 1));
        assertThrows(IllegalArgumentException.class, () -> Goodput.perSecond(TTFT, TPOT, new Slo(1.0, null), 0));
    }
}
