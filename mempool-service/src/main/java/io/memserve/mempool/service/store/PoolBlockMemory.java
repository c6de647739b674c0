package io.memserve.mempool.service.store;

import io.memserve.mempool.protocol.BlockAccessException;
import io.memserve.mempool.protocol.BlockHandle;
import io.memserve.mempool.protocol.BlockMemory;
import io.memserve.mempool.service.metrics.MemPoolMetrics;
import io.memserve.mempool.service.model.MemPoolException;
import java.lang.foreign.MemorySegment;

/** The block store as the data-plane server sees it; counts the bytes that go in and out. */
public final class PoolBlockMemory implements BlockMemory {

    private final BlockStore store;
    private final MemPoolMetrics metrics;

    public PoolBlockMemory(BlockStore store, MemPoolMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public BlockHandle openForRead(long address) {
        return handle(open(address, false), false);
    }

    @Override
    public BlockHandle openForWrite(long address) {
        return handle(open(address, true), true);
    }

    private OpenBlock open(long address, boolean forWrite) {
        try {
            return forWrite ? store.openForWrite(address) : store.openForRead(address);
        } catch (MemPoolException e) {
            throw new BlockAccessException(e.getMessage());
        }
    }

    private BlockHandle handle(OpenBlock block, boolean forWrite) {
        return new BlockHandle() {
            @Override
            public MemorySegment segment() {
                return block.segment();
            }

            @Override
            public void close() {
                block.close();
                if (forWrite) {
                    metrics.bytesIn(block.segment().byteSize());
                } else {
                    metrics.bytesOut(block.segment().byteSize());
                }
            }
        };
    }
}
