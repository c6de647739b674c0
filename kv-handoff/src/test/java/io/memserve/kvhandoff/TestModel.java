package io.memserve.kvhandoff;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.Preset;
import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** The tiny generated model, and prompts for it. */
final class TestModel {

    private TestModel() {
    }

    static Engine load(Path parent, int kvPages) {
        Path dir = CheckpointGenerator.generate(parent, Preset.TINY, 7);
        return Engine.load(dir, new EngineOptions(kvPages, 2));
    }

    static int[] prompt(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = 3 + random.nextInt(1000);
        }
        return tokens;
    }

    static void assertSameBits(float[] expected, float[] actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, "logit count");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                org.junit.jupiter.api.Assertions.fail("logit " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " bit for bit");
            }
        }
    }
}
