package io.memserve.serving.api;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code POST /internal/prefill}, sent once the handoff has completed: token 0, the prompt's length, how
 * many of its tokens came from MemPool instead of being computed, and how many blocks moved to the decode pool.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PrefillResponse(String requestId, int firstToken, int promptTokens, int cachedTokens,
        int handoffBlocks) {
}
