package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.zip.CRC32C;

/**
 * The default sink: keeps the payload, uncopied, as components of a composite buffer, checksummed piece by piece as
 * it arrives (while each read is still in the cache it was just copied into), and passes the frame on down the
 * pipeline once complete.
 */
final class BufferedPayload implements PayloadSink {

    private final ChannelHandlerContext ctx;
    private final Opcode opcode;
    private final int requestId;
    private final CompositeByteBuf payload;
    private final CRC32C crc = new CRC32C();

    BufferedPayload(ChannelHandlerContext ctx, Opcode opcode, int requestId) {
        this.ctx = ctx;
        this.opcode = opcode;
        this.requestId = requestId;
        this.payload = ctx.alloc().compositeDirectBuffer(Integer.MAX_VALUE);
    }

    @Override
    public void accept(ByteBuf in, int index, int length) {
        Crc32c.update(crc, in, index, length);
        payload.addComponent(true, in.retainedSlice(index, length));
    }

    @Override
    public int checksum() {
        return (int) crc.getValue();
    }

    @Override
    public void complete() {
        ctx.fireChannelRead(new Frame(opcode, requestId, payload));
    }

    @Override
    public void abandon() {
        payload.release();
    }
}
