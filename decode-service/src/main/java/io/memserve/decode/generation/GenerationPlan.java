package io.memserve.decode.generation;

import io.memserve.engine.sampling.SamplingParams;
import java.util.Arrays;

/**
 * What one request asks of the batch.
 *
 * @param prompt the prompt's token ids
 * @param firstToken token 0 when it was sampled elsewhere (by a prefill instance), or -1 to sample it here
 * @param maxTokens the most tokens of the generation, token 0 included
 * @param stopTokenIds tokens that end the generation unless {@code ignoreEos}; they are not part of the answer
 */
public record GenerationPlan(int[] prompt, int firstToken, SamplingParams sampling, int maxTokens,
        int[] stopTokenIds, boolean ignoreEos) {

    public static final int SAMPLE_HERE = -1;

    public GenerationPlan {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt needs at least one token");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1: " + maxTokens);
        }
        prompt = prompt.clone();
        stopTokenIds = stopTokenIds.clone();
    }

    public boolean sampledElsewhere() {
        return firstToken != SAMPLE_HERE;
    }

    public boolean stops(int token) {
        return !ignoreEos && Arrays.stream(stopTokenIds).anyMatch(stop -> stop == token);
    }
}
