package io.memserve.serving.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /internal/generate} on a colocated instance: prefill and decode in one place; the stream starts with a
 * {@link MetaEvent}, then tokens from index 0, then a {@link FinishEvent}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerateRequest(
        @NotBlank String requestId,
        @NotEmpty int[] promptTokenIds,
        @NotNull @Valid Sampling sampling,
        @NotNull @Positive Integer maxTokens,
        int[] stopTokenIds,
        boolean ignoreEos,
        boolean cache) {
}
