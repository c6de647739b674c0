package io.memserve.mempool.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Set a tier's capacity; shrinking evicts unpinned blocks and is refused when pinned blocks do not fit. */
public record ResizeRequest(@NotNull TierName tier, @NotNull @PositiveOrZero Long capacityBytes) {
}
