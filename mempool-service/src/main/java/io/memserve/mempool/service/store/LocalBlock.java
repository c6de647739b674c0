package io.memserve.mempool.service.store;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.api.TierName;

/** A block of this pool as answered to a caller: a snapshot taken under the store's lock. */
public record LocalBlock(BlockKey key, long address, TierName tier) {
}
