package io.memserve.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.ModelShape;
import io.memserve.checkpoint.RopeScaling;
import io.memserve.kvblock.DType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small generated models whose sizes are not multiples of the vector width, so every tail path runs. */
final class TestModels {

    private TestModels() {
    }

    /** GQA 3, llama3 rope scaling, untied; hidden 72 and head dim 24 leave a tail after 16-lane vectors. */
    static ModelShape oddShape(DType dtype) {
        return new ModelShape(301, 72, 136, 2, 6, 2, 24, 512, 1e-5, 10000.0, RopeScaling.llama3(8, 1, 4, 64),
                dtype, false);
    }

    static Engine generateAndLoad(Path dir, ModelShape shape, int threads) {
        CheckpointGenerator.generate(dir, shape, 11);
        return Engine.load(dir, new EngineOptions(256, threads));
    }

    static int[] randomTokens(int n, int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = random.nextInt(vocab);
        }
        return tokens;
    }

    /** Feeds the whole prompt to a fresh sequence in chunks and returns the last logits; the sequence is closed. */
    static float[] prefill(Engine engine, int[] prompt, int chunk) {
        try (Sequence seq = engine.newSequence()) {
            return feed(engine, seq, prompt, 0, chunk);
        }
    }

    /** Feeds {@code prompt[from..]} to {@code seq} in chunks and returns the last logits. */
    static float[] feed(Engine engine, Sequence seq, int[] prompt, int from, int chunk) {
        float[] logits = null;
        for (int at = from; at < prompt.length; at += chunk) {
            int[] part = Arrays.copyOfRange(prompt, at, Math.min(prompt.length, at + chunk));
            logits = engine.step(List.of(SequenceStep.of(seq, part))).getFirst();
        }
        return logits;
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        what + ": logit " + i + " is " + actual[i] + ", expected " + expected[i] + " bit for bit");
            }
        }
    }
}
