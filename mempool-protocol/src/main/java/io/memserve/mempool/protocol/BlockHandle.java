package io.memserve.mempool.protocol;

import java.lang.foreign.MemorySegment;

/** A pinned block: its bytes stay where they are and are not evicted or reused until {@link #close()}. */
public interface BlockHandle extends AutoCloseable {

    /** The block's bytes; its size is the block size of the pool. */
    MemorySegment segment();

    /** Unpins the block. */
    @Override
    void close();
}
