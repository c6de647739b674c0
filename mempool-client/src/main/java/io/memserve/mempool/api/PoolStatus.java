package io.memserve.mempool.api;

import java.util.List;

/** A pool's state: its endpoint, each tier's use, index entries and open leases. */
public record PoolStatus(PoolEndpoint endpoint, List<TierStatus> tiers, int indexedBlocks, int leases) {
}
