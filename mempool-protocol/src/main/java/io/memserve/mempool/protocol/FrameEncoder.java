package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.FrameFormat.HEADER_BYTES;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.util.zip.CRC32C;

/**
 * Puts a header in front of a payload. The payload is not copied: header and payload become the two components of
 * one composite buffer, which the transport writes with a gathering write.
 */
final class FrameEncoder {

    private FrameEncoder() {
    }

    /** The frame, owning {@code payload}: released here if the frame cannot be made. */
    static ByteBuf encode(ByteBufAllocator alloc, Opcode opcode, int requestId, ByteBuf payload) {
        int payloadCrc;
        try {
            payloadCrc = Crc32c.of(payload);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        return encode(alloc, opcode, requestId, payload, payloadCrc);
    }

    /** The frame, owning {@code payload}, whose CRC32C is known already. */
    static ByteBuf encode(ByteBufAllocator alloc, Opcode opcode, int requestId, ByteBuf payload, int payloadCrc) {
        ByteBuf header = alloc.directBuffer(HEADER_BYTES);
        header.writeInt(FrameFormat.MAGIC);
        header.writeByte(FrameFormat.VERSION);
        header.writeByte(opcode.code);
        header.writeShort(0);
        header.writeInt(requestId);
        header.writeInt(payload.readableBytes());
        header.writeInt(payloadCrc);
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(header.nioBuffer(0, FrameFormat.HEADER_CRC_OFFSET));
        header.writeInt((int) headerCrc.getValue());
        if (!payload.isReadable()) {
            payload.release();
            return header;
        }
        CompositeByteBuf frame = alloc.compositeDirectBuffer(2);
        frame.addComponent(true, header);
        frame.addComponent(true, payload);
        return frame;
    }
}
