package io.memserve.mempool.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** {@code swap_in}: move the given DRAM blocks to HBM; addresses stay the same. */
public record SwapInRequest(@NotEmpty List<@NotNull Long> addresses) {
}
