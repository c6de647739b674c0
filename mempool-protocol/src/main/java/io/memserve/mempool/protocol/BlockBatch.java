package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The blocks of one PUT or GET frame, and what to do with its answer. A PUT sends the caller's segments uncopied
 * behind the block table; a GET's answer of the right size is received straight into the caller's segments
 * ({@link SegmentsPayload}), so any other answer that reaches {@link #complete} is an error.
 */
record BlockBatch(Opcode opcode, long[] addresses, List<MemorySegment> segments) {

    BlockTable table() {
        int[] lengths = new int[segments.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (int) segments.get(i).byteSize();
        }
        return new BlockTable(addresses, lengths);
    }

    ByteBuf encode(ByteBufAllocator alloc, int requestId) {
        BlockTable table = table();
        ByteBuf tableBytes = alloc.directBuffer(BlockTable.bytesFor(table.count()));
        table.writeTo(tableBytes);
        if (opcode == Opcode.GET) {
            return FrameEncoder.encode(alloc, opcode, requestId, tableBytes);
        }
        CompositeByteBuf payload = alloc.compositeDirectBuffer(1 + segments.size());
        payload.addComponent(true, tableBytes);
        try {
            for (MemorySegment segment : segments) {
                payload.addComponent(true, Unpooled.wrappedBuffer(segment.asByteBuffer()));
            }
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        return FrameEncoder.encode(alloc, opcode, requestId, payload);
    }

    /**
     * Takes the peer's answer to this batch, other than a GET's data.
     *
     * @throws DataPlaneException the error the peer reported, or MALFORMED for an answer that does not fit the request
     */
    void complete(Frame answer, String peer) {
        if (answer.opcode() == Opcode.ERROR) {
            throw ErrorPayload.decode(answer.payload(), peer);
        }
        ByteBuf payload = answer.payload();
        if (opcode == Opcode.PUT && answer.opcode() == Opcode.PUT_OK && !payload.isReadable()) {
            return;
        }
        throw new DataPlaneException(ErrorCode.MALFORMED, peer + " answered " + opcode + " with " + answer.opcode()
                + " carrying " + payload.readableBytes() + " bytes");
    }
}
