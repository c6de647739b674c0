package io.memserve.mempool.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code delete}: drop this pool's index entries for the full blocks of {@code tokens}. */
public record DeleteRequest(@NotBlank String model, @NotBlank String layout, @NotNull int[] tokens) {
}
