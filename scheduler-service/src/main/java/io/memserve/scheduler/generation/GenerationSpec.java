package io.memserve.scheduler.generation;

import java.util.List;

import io.memserve.serving.api.Sampling;

/**
 * One request as the workers and the output assembler need it: token ids, sampling with its seed fixed, the length
 * bound, the token ids and strings that end it.
 */
public record GenerationSpec(String requestId, int[] promptTokenIds, Sampling sampling, int maxTokens,
        int[] stopTokenIds, boolean ignoreEos, List<String> stopStrings, boolean cache) {
}
