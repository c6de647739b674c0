package io.memserve.mempool.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * {@code alloc_mem}: reserve {@code count} blocks of {@code layout} in {@code tier} (DRAM when absent), pinned under
 * {@code leaseId} (a new lease when absent) for {@code leaseTtlMs} (the pool's default when absent).
 */
public record AllocRequest(
        @NotBlank String layout,
        @Positive @Max(65536) int count,
        TierName tier,
        String leaseId,
        @Positive Long leaseTtlMs) {
}
