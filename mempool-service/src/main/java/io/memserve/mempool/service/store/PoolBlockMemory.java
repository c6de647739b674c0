package io.memserve.mempool.service.store;

import io.memserve.mempool.protocol.BlockAccessException;
import io.memserve.mempool.protocol.BlockHandle;
import io.memserve.mempool.protocol.BlockMemory;
import io.memserve.mempool.service.metrics.MemPoolMetrics;
import io.memserve.mempool.service.model.MemPoolException;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

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

    /** The block's handle, counting the bytes a committed write brought in and a read sent out. */
    private BlockHandle handle(OpenBlock block, boolean forWrite) {
        return new BlockHandle() {
            @Override
            public MemorySegment segment() {
                return block.segment();
            }

            @Override
            public OptionalInt checksum() {
                return block.checksum();
            }

            @Override
            public void rememberChecksum(int crc32c) {
                block.rememberChecksum(crc32c);
            }

            @Override
            public MemorySegment writeTarget() {
                return block.writeTarget();
            }

            @Override
            public void commit(int crc32c) {
                block.commit(crc32c);
                metrics.bytesIn(block.segment().byteSize());
            }

            @Override
            public void close() {
                block.close();
                if (!forWrite) {
                    metrics.bytesOut(block.segment().byteSize());
                }
            }
        };
    }
}
