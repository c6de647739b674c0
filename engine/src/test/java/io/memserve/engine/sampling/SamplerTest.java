package io.memserve.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {0.5f, 2f, 2f, -1f, 1.5f, 0f};

    @Test
    void greedyTakesTheLowestIdAmongEqualMaxima() {
        assertEquals(1, Sampler.sample(LOGITS, SamplingParams.GREEDY, 0));
        assertEquals(2, Sampler.argmax(new float[] {Float.NaN, 1f, 3f, 3f}));
    }

    @Test
    void aDrawDependsOnlyOnSeedIndexAndLogits() {
        SamplingParams params = new SamplingParams(1.5f, 0, 1f, 42L);
        for (int i = 0; i < 50; i++) {
            assertEquals(Sampler.sample(LOGITS, params, i), Sampler.sample(LOGITS.clone(), params, i));
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(Sampler.sample(LOGITS, params, i));
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5), seen, "temperature 1.5 reaches every token in 200 draws");
    }

    @Test
    void topKAndTopPCutTheTail() {
        for (int i = 0; i < 100; i++) {
            assertEquals(1, Sampler.sample(LOGITS, new SamplingParams(1f, 1, 1f, i), i));
            int twoBest = Sampler.sample(LOGITS, new SamplingParams(5f, 2, 1f, i), i);
            assertTrue(twoBest == 1 || twoBest == 2);
            int nucleus = Sampler.sample(LOGITS, new SamplingParams(1f, 0, 0.5f, i), i);
            assertTrue(nucleus == 1 || nucleus == 2, "the two maxima already hold half the mass");
        }
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        float[] flat = new float[1000];
        int[] a = new int[20];
        int[] b = new int[20];
        for (int i = 0; i < 20; i++) {
            a[i] = Sampler.sample(flat, new SamplingParams(1f, 0, 1f, 1L), i);
            b[i] = Sampler.sample(flat, new SamplingParams(1f, 0, 1f, 2L), i);
        }
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-0.1f, 0, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(Float.NaN, 0, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, -1, 1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1f, 0, 1.5f, 0));
        assertThrows(IllegalArgumentException.class, () -> Sampler.sample(new float[0], SamplingParams.GREEDY, 0));
    }
}
