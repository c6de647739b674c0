package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierName;

/** A tier's capacity and the bytes its blocks take: kept as running totals, so reading them costs nothing. */
public record TierUsage(TierName tier, long capacityBytes, long usedBytes) {

    /** Never negative: a tier shrunk below its pinned blocks' bytes is full until they go. */
    public long freeBytes() {
        return Math.max(0, capacityBytes - usedBytes);
    }
}
