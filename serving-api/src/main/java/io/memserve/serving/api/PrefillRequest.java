package io.memserve.serving.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /internal/prefill}: compute the prompt's KV (reusing what MemPool holds when {@code cache}), sample token
 * 0 and hand the prompt's full blocks to {@code decodePool}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PrefillRequest(
        @NotBlank String requestId,
        @NotEmpty int[] promptTokenIds,
        @NotNull @Valid Sampling sampling,
        @NotBlank String decodePool,
        boolean cache) {
}
