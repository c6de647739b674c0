package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierStatus;
import java.util.List;

/** A consistent snapshot of the store: each tier, index entries and open leases. */
public record StoreStatus(List<TierStatus> tiers, int indexedBlocks, int leases) {
}
