package io.memserve.mempool.api;

/** Use of one tier: bytes reserved and free (used + free = capacity), blocks held, pinned and published. */
public record TierStatus(TierName tier, long capacityBytes, long usedBytes, long freeBytes, int blocks,
        int pinnedBlocks, int publishedBlocks) {
}
