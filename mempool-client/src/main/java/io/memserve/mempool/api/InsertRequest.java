package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * {@code insert}: publish the written blocks at {@code addresses} under the keys of the full blocks of {@code tokens}
 * (one address per full block of 16 tokens, in order; a trailing partial block is ignored).
 */
public record InsertRequest(
        @NotBlank String model,
        @NotBlank String layout,
        @NotNull @JsonDeserialize(using = TokenIdsJson.Reader.class)
        @JsonSerialize(using = TokenIdsJson.Writer.class) int[] tokens,
        @NotEmpty List<@NotNull Long> addresses) {
}
