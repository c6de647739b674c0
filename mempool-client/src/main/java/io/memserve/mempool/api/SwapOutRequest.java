package io.memserve.mempool.api;

import jakarta.validation.constraints.Positive;

/** {@code swap_out}: move up to {@code count} least recently used unpinned blocks from HBM to DRAM. */
public record SwapOutRequest(@Positive int count) {
}
