package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/** {@code delete}: drop this pool's index entries for the full blocks of {@code tokens}. */
public record DeleteRequest(
        @NotBlank String model,
        @NotBlank String layout,
        @NotNull @JsonDeserialize(using = TokenIdsJson.Reader.class)
        @JsonSerialize(using = TokenIdsJson.Writer.class) int[] tokens) {
}
