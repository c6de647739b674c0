package io.memserve.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures encoding a 4096-token prompt, streaming its decode, and generating a 32000-token tokenizer. Not a test:
 * run it as a program (see tokenizer/README.md) so the figures come from a warmed-up JVM.
 */
public final class EncodeBenchmark {

    private static final int ROUNDS = 200;

    public static void main(String[] args) throws Exception {
        Path generatedDir = Files.createTempDirectory("bench-tokenizer");
        long start = System.nanoTime();
        GeneratedTokenizer.write(generatedDir, 32_000, 1);
        System.out.printf("generate 32000-token tokenizer: %.0f ms (cold JVM)%n", (System.nanoTime() - start) / 1e6);
        report("qwen3", TestModels.qwen3());
        report("generated-32000", Tokenizer.load(generatedDir));
    }

    private static void report(String name, Tokenizer tokenizer) {
        String prompt = promptOf(tokenizer, 4096);
        int tokens = tokenizer.encode(prompt).length;
        double[] encodeMs = new double[ROUNDS];
        double[] streamMs = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            String fresh = prompt + " " + round;
            long t0 = System.nanoTime();
            int[] ids = tokenizer.encode(fresh);
            long t1 = System.nanoTime();
            StreamingDetokenizer stream = tokenizer.streamingDetokenizer();
            for (int id : ids) {
                stream.push(id);
            }
            stream.flush();
            long t2 = System.nanoTime();
            encodeMs[round] = (t1 - t0) / 1e6;
            streamMs[round] = (t2 - t1) / 1e6;
        }
        System.out.printf("%s: encode %d tokens (%d chars): median %.2f ms, p90 %.2f ms; stream-decode them: median %.2f ms%n",
                name, tokens, prompt.length(), median(encodeMs), percentile(encodeMs, 0.9), median(streamMs));
    }

    /** Repeats the mixed sample texts until the prompt is about {@code tokens} tokens long. */
    private static String promptOf(Tokenizer tokenizer, int tokens) {
        StringBuilder prompt = new StringBuilder();
        int i = 0;
        while (tokenizer.encode(prompt.toString()).length < tokens) {
            prompt.append(SampleTexts.MIXED.get(i++ % SampleTexts.MIXED.size())).append('\n');
        }
        return prompt.toString();
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}
