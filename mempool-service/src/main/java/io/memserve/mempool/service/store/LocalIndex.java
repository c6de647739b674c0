package io.memserve.mempool.service.store;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.service.model.Block;
import java.util.HashMap;
import java.util.Map;

/**
 * This pool's published blocks by key, and how many cached children each key has, which is what makes eviction
 * leaf-first. Not thread-safe: used under the block store's lock.
 */
final class LocalIndex {

    private final Map<BlockKey, Block> byKey = new HashMap<>();
    private final Map<BlockKey, Integer> cachedChildren = new HashMap<>();

    Block get(BlockKey key) {
        return byKey.get(key);
    }

    int size() {
        return byKey.size();
    }

    void put(Block block) {
        Block.Publication p = block.publication();
        byKey.put(p.key(), block);
        cachedChildren.merge(p.parent(), 1, Integer::sum);
    }

    void remove(Block block) {
        Block.Publication p = block.publication();
        byKey.remove(p.key());
        cachedChildren.computeIfPresent(p.parent(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** Whether no cached block extends this one. */
    boolean leaf(Block block) {
        return !cachedChildren.containsKey(block.publication().key());
    }
}
