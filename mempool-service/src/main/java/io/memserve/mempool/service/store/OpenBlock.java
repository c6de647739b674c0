package io.memserve.mempool.service.store;

import java.lang.foreign.MemorySegment;

/**
 * A block opened for reading or writing its bytes: pinned until closed, so it is neither evicted, freed, swapped nor
 * (when opened for reading) overwritten meanwhile.
 */
public interface OpenBlock extends AutoCloseable {

    MemorySegment segment();

    @Override
    void close();
}
