package io.memserve.mempool.service.store;

import io.memserve.mempool.service.model.Block;

/**
 * Told, under the block store's lock and so in the order things happened, when a block is published and when it
 * leaves the index. Implementations must not block.
 */
public interface IndexListener {

    void stored(Block block);

    void removed(Block block, RemovalReason reason);

    /** A published block moved to another tier. */
    void moved(Block block);

    /** Why a block left the index. */
    enum RemovalReason {
        EVICTED, DELETED, FREED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
