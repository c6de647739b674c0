package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.LongFunction;

/**
 * Carries out PUT and GET against the pool's memory. Every block of a request is opened (pinned) and checked before
 * a byte moves, so a refused request changes nothing; a PUT's blocks change only when it is committed
 * ({@link PutPayload}).
 */
final class BlockRequests {

    /**
     * A GET's response payload, which references the pinned blocks until {@link #unpin()} after it was sent, and its
     * CRC32C.
     */
    record Readout(ByteBuf payload, int checksum, List<BlockHandle> handles) {

        void unpin() {
            closeAll(handles);
        }
    }

    private final BlockMemory memory;

    BlockRequests(BlockMemory memory) {
        this.memory = memory;
    }

    /**
     * Checks a PUT's table against the block bytes that follow it and pins its blocks for writing, as soon as the
     * table has arrived and before any block bytes have.
     *
     * @param dataBytes the payload bytes that follow the table
     */
    List<BlockHandle> openForPut(BlockTable table, long dataBytes) {
        table.requireDistinct();
        if (table.dataBytes() != dataBytes) {
            throw new RequestRefused(ErrorCode.MALFORMED, "block lengths add up to " + table.dataBytes()
                    + " bytes but the payload carries " + dataBytes);
        }
        return open(table, memory::openForWrite);
    }

    /**
     * Pins the requested blocks and wraps them, uncopied, as the response payload. Its checksum comes from the blocks'
     * remembered checksums, so a block's bytes are read only by the socket (and checksummed here only the first time
     * it is served after a write that did not remember one).
     */
    Readout get(ByteBuf payload, int maxPayloadBytes, ByteBufAllocator alloc) {
        BlockTable table = BlockTable.read(payload);
        if (payload.isReadable()) {
            throw new RequestRefused(ErrorCode.MALFORMED,
                    "GET carries " + payload.readableBytes() + " bytes after its block table");
        }
        if (table.dataBytes() > maxPayloadBytes) {
            throw new RequestRefused(ErrorCode.FRAME_TOO_LARGE, "the response would carry " + table.dataBytes()
                    + " bytes, more than the " + maxPayloadBytes + " a frame may; ask for fewer blocks at once");
        }
        List<BlockHandle> handles = open(table, memory::openForRead);
        CompositeByteBuf data = alloc.compositeDirectBuffer(handles.size());
        int checksum = 0;
        for (BlockHandle handle : handles) {
            data.addComponent(true, Unpooled.wrappedBuffer(handle.segment().asByteBuffer()));
            checksum = Crc32c.combine(checksum, checksumOf(handle), handle.segment().byteSize());
        }
        return new Readout(data, checksum, handles);
    }

    private static int checksumOf(BlockHandle handle) {
        OptionalInt remembered = handle.checksum();
        if (remembered.isPresent()) {
            return remembered.getAsInt();
        }
        int checksum = Crc32c.of(handle.segment());
        handle.rememberChecksum(checksum);
        return checksum;
    }

    private static List<BlockHandle> open(BlockTable table, LongFunction<BlockHandle> opener) {
        List<BlockHandle> handles = new ArrayList<>(table.count());
        try {
            for (int i = 0; i < table.count(); i++) {
                long address = table.addresses()[i];
                BlockHandle handle = opener.apply(address);
                handles.add(handle);
                long size = handle.segment().byteSize();
                if (size != table.lengths()[i]) {
                    throw new RequestRefused(ErrorCode.BLOCK_SIZE_MISMATCH, "block " + Addresses.hex(address)
                            + " is " + size + " bytes, the request says " + table.lengths()[i]);
                }
            }
            return handles;
        } catch (BlockAccessException e) {
            closeAll(handles);
            throw new RequestRefused(ErrorCode.BLOCK_ACCESS, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            closeAll(handles);
            throw e;
        }
    }

    static void closeAll(List<BlockHandle> handles) {
        for (BlockHandle handle : handles) {
            handle.close();
        }
    }
}
