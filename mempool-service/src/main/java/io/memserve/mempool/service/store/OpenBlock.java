package io.memserve.mempool.service.store;

import io.memserve.mempool.protocol.BlockHandle;

/**
 * A block opened for reading or writing its bytes: pinned until closed, so it is neither evicted, freed, swapped nor
 * (when opened for reading) overwritten meanwhile; opened for writing, it changes only on {@link #commit}.
 */
public interface OpenBlock extends BlockHandle {
}
