package io.memserve.serving.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * How a request's tokens are drawn, as the scheduler sends it to every worker of the request. The seed is always set
 * (the scheduler draws one when the client gave none), so the tokens sampled on the prefill instance and on the decode
 * instance come from one seed, as on one colocated instance. {@code topK} 0 keeps every token.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Sampling(
        @NotNull @PositiveOrZero Double temperature,
        @NotNull @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("1.0") Double topP,
        @NotNull @PositiveOrZero Integer topK,
        @NotNull Long seed) {

    public static Sampling greedy(long seed) {
        return new Sampling(0.0, 1.0, 0, seed);
    }
}
