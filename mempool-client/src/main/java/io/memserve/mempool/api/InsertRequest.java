package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code insert}: publish the written blocks at {@code addresses} under the keys of the full blocks of {@code tokens}
 * (one address per full block of 16 tokens, in order; a trailing partial block is ignored).
 */
public record InsertRequest(
        @NotBlank String model,
        @NotBlank String layout,
        @NotNull int[] tokens,
        @NotEmpty List<@NotNull Long> addresses) {
}
