package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Carries out PUT and GET against the pool's memory. Every block of a request is opened (pinned) and checked before
 * a byte moves, so a refused request changes nothing.
 */
final class BlockRequests {

    /** A GET's response payload, which references the pinned blocks until {@link #unpin()} after it was sent. */
    record Readout(ByteBuf payload, List<BlockHandle> handles) {

        void unpin() {
            closeAll(handles);
        }
    }

    private final BlockMemory memory;

    BlockRequests(BlockMemory memory) {
        this.memory = memory;
    }

    /** Copies a PUT's block bytes, straight from the received buffers, into the blocks. */
    void put(ByteBuf payload) {
        BlockTable table = BlockTable.read(payload);
        table.requireDistinct();
        if (table.dataBytes() != payload.readableBytes()) {
            throw new RequestRefused(ErrorCode.MALFORMED, "block lengths add up to " + table.dataBytes()
                    + " bytes but the payload carries " + payload.readableBytes());
        }
        List<BlockHandle> handles = open(table, memory::openForWrite);
        try {
            int offset = payload.readerIndex();
            for (int i = 0; i < handles.size(); i++) {
                payload.getBytes(offset, handles.get(i).segment().asByteBuffer());
                offset += table.lengths()[i];
            }
        } finally {
            closeAll(handles);
        }
    }

    /** Pins the requested blocks and wraps them, uncopied, as the response payload. */
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
        for (BlockHandle handle : handles) {
            data.addComponent(true, Unpooled.wrappedBuffer(handle.segment().asByteBuffer()));
        }
        return new Readout(data, handles);
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

    private static void closeAll(List<BlockHandle> handles) {
        for (BlockHandle handle : handles) {
            handle.close();
        }
    }
}
