package io.memserve.serving.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /internal/decode}: continue a prefilled prompt from {@code firstToken} (token 0, sampled by the prefill
 * instance) and stream tokens 1.. as {@link WorkerEvent}s; {@code maxTokens} bounds the whole completion, token 0
 * included. With {@code cache}, the finished sequence is written back to this pool and to {@code prefillPool}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecodeRequest(
        @NotBlank String requestId,
        @NotEmpty int[] promptTokenIds,
        @NotNull @PositiveOrZero Integer firstToken,
        @NotNull @Valid Sampling sampling,
        @NotNull @Positive Integer maxTokens,
        int[] stopTokenIds,
        boolean ignoreEos,
        @NotBlank String prefillPool,
        boolean cache) {
}
