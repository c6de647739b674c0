package io.memserve.mempool.protocol;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Off-heap blocks of one size, as the pool's block store would hold them, counting the pins that are open. A write
 * goes to fresh memory that replaces the block's on commit.
 */
final class InMemoryBlockMemory implements BlockMemory, AutoCloseable {

    private static final class Block {
        volatile MemorySegment segment;
        volatile boolean written;
        volatile OptionalInt checksum = OptionalInt.empty();

        Block(MemorySegment segment) {
            this.segment = segment;
        }
    }

    private final Arena arena = Arena.ofShared();
    private final int blockBytes;
    private final Map<Long, Block> blocks = new ConcurrentHashMap<>();
    private final AtomicLong nextAddress = new AtomicLong(0x7f00_0000_1000L);
    private final AtomicInteger openHandles = new AtomicInteger();

    InMemoryBlockMemory(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    long[] allocate(int count) {
        long[] addresses = new long[count];
        for (int i = 0; i < count; i++) {
            addresses[i] = nextAddress.getAndAdd(blockBytes);
            blocks.put(addresses[i], new Block(arena.allocate(blockBytes, 64)));
        }
        return addresses;
    }

    MemorySegment bytesOf(long address) {
        return blocks.get(address).segment;
    }

    int openHandles() {
        return openHandles.get();
    }

    @Override
    public BlockHandle openForRead(long address) {
        Block block = find(address);
        if (!block.written) {
            throw new BlockAccessException("block " + Long.toHexString(address) + " was never written");
        }
        return pin(block);
    }

    @Override
    public BlockHandle openForWrite(long address) {
        return pin(find(address));
    }

    private Block find(long address) {
        Block block = blocks.get(address);
        if (block == null) {
            throw new BlockAccessException("block " + Long.toHexString(address) + " is not allocated");
        }
        return block;
    }

    private BlockHandle pin(Block block) {
        openHandles.incrementAndGet();
        return new BlockHandle() {
            private MemorySegment target;

            @Override
            public MemorySegment segment() {
                return block.segment;
            }

            @Override
            public OptionalInt checksum() {
                return block.checksum;
            }

            @Override
            public void rememberChecksum(int crc32c) {
                block.checksum = OptionalInt.of(crc32c);
            }

            @Override
            public MemorySegment writeTarget() {
                if (target == null) {
                    target = arena.allocate(blockBytes, 64);
                }
                return target;
            }

            @Override
            public void commit(int crc32c) {
                block.segment = target;
                block.checksum = OptionalInt.of(crc32c);
                block.written = true;
            }

            @Override
            public void close() {
                openHandles.decrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        arena.close();
    }
}
