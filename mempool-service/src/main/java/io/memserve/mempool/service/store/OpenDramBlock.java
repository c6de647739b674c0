package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.model.Block;
import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

/**
 * A DRAM block opened for the data plane. A write goes to spare memory that replaces the block's on commit
 * ({@link SpareDram}). Every access to the block happens under the store's lock, since network threads call these.
 */
final class OpenDramBlock implements OpenBlock {

    private final BlockStore store;
    private final Block block;
    private final boolean forWrite;
    private final SpareDram spares;
    private DramTier.DramMemory replacement;
    private boolean closed;

    OpenDramBlock(BlockStore store, Block block, boolean forWrite, SpareDram spares) {
        this.store = store;
        this.block = block;
        this.forWrite = forWrite;
        this.spares = spares;
    }

    @Override
    public MemorySegment segment() {
        synchronized (store) {
            return ((DramTier.DramMemory) block.memory()).segment();
        }
    }

    @Override
    public OptionalInt checksum() {
        synchronized (store) {
            return block.checksum();
        }
    }

    @Override
    public void rememberChecksum(int crc32c) {
        synchronized (store) {
            block.rememberChecksum(crc32c);
        }
    }

    @Override
    public MemorySegment writeTarget() {
        synchronized (store) {
            requireOpenForWrite();
            if (replacement == null) {
                replacement = spares.take(block.bytes());
            }
            return replacement.segment();
        }
    }

    @Override
    public void commit(int crc32c) {
        synchronized (store) {
            requireOpenForWrite();
            if (replacement == null) {
                throw new IllegalStateException("nothing was written to block " + block.address());
            }
            DramTier.DramMemory old = (DramTier.DramMemory) block.memory();
            block.moveTo(TierName.DRAM, replacement);
            replacement = null;
            spares.give(old);
            block.written(crc32c);
        }
    }

    private void requireOpenForWrite() {
        if (!forWrite || closed) {
            throw new IllegalStateException("block " + block.address() + " is not open for writing");
        }
    }

    @Override
    public void close() {
        synchronized (store) {
            if (closed) {
                return;
            }
            closed = true;
            if (replacement != null) {
                spares.give(replacement);
                replacement = null;
            }
            store.closeHandle(block, forWrite);
        }
    }
}
