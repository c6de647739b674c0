package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierName;
import java.lang.foreign.MemorySegment;

/** A kind of memory blocks live in (DRAM, HBM): allocation and copies to and from host memory. */
public interface Tier extends AutoCloseable {

    TierName name();

    TierMemory allocate(long bytes);

    /** Copies {@code src} (host memory) into {@code dst}, a block of this tier of the same size. */
    void write(MemorySegment src, TierMemory dst);

    /** Copies {@code src}, a block of this tier, into {@code dst} (host memory) of the same size. */
    void read(TierMemory src, MemorySegment dst);

    /** Releases what the tier holds beyond its blocks (a device context); host memory holds nothing more. */
    @Override
    default void close() {
    }
}
