package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.FrameFormat.HEADER_BYTES;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Cuts the byte stream into frames and checks each one before anything else sees it: magic, version, header
 * checksum, opcode, whether the opcode is allowed now, the length limit (before a byte of payload is buffered),
 * flags, and the payload checksum. Any failure is a {@link ProtocolViolation}; after one the decoder drops all further
 * input while the connection is being closed.
 *
 * <p>Received buffers are kept as components of a composite rather than merged, so a large payload is never copied
 * here: the only copy is the one into its destination block. The payload checksum is computed piece by piece as the
 * bytes arrive, while each read is still in the cache it was just copied into, not in one pass over the whole frame
 * at the end.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** Says whether a frame with this opcode may arrive now, throwing the violation if not. */
    interface Gate {
        void admit(Opcode opcode);
    }

    private final Gate gate;
    private final Duration incompleteFrameTimeout;
    private int maxFrameBytes = FrameFormat.UNAUTHENTICATED_MAX_FRAME_BYTES;
    private boolean failed;
    private ScheduledFuture<?> incompleteFrameTimer;
    private final CRC32C payloadCrc = new CRC32C();
    /** Bytes of the current frame's payload already folded into {@link #payloadCrc}. */
    private long payloadChecked;

    FrameDecoder(Gate gate, Duration incompleteFrameTimeout) {
        this.gate = gate;
        this.incompleteFrameTimeout = incompleteFrameTimeout;
        setCumulator(COMPOSITE_CUMULATOR);
    }

    /** Raised once the peer has authenticated, to the limit both ends agreed on. */
    void maxFrameBytes(int bytes) {
        maxFrameBytes = bytes;
    }

    /** Stops decoding: the connection is closing after a violation. */
    void fail() {
        failed = true;
        cancelTimer();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_BYTES) {
            awaitRest(ctx, in);
            return;
        }
        int start = in.readerIndex();
        Opcode opcode = checkHeader(in, start);
        long length = in.getUnsignedInt(start + FrameFormat.LENGTH_OFFSET);
        int payloadStart = start + HEADER_BYTES;
        long arrived = Math.min(length, in.readableBytes() - HEADER_BYTES);
        if (arrived > payloadChecked) {
            Crc32c.update(payloadCrc, in, payloadStart + (int) payloadChecked, (int) (arrived - payloadChecked));
            payloadChecked = arrived;
        }
        if (arrived < length) {
            awaitRest(ctx, in);
            return;
        }
        int payloadLength = (int) length;
        int crc = (int) payloadCrc.getValue();
        payloadCrc.reset();
        payloadChecked = 0;
        if (crc != in.getInt(start + FrameFormat.PAYLOAD_CRC_OFFSET)) {
            throw new ProtocolViolation(ErrorCode.BAD_CHECKSUM, "payload checksum mismatch in " + opcode + " frame");
        }
        cancelTimer();
        int requestId = in.getInt(start + FrameFormat.REQUEST_ID_OFFSET);
        ByteBuf payload = in.retainedSlice(payloadStart, payloadLength);
        in.skipBytes(HEADER_BYTES + payloadLength);
        out.add(new Frame(opcode, requestId, payload));
    }

    private Opcode checkHeader(ByteBuf in, int start) {
        int magic = in.getInt(start + FrameFormat.MAGIC_OFFSET);
        if (magic != FrameFormat.MAGIC) {
            throw new ProtocolViolation(ErrorCode.BAD_MAGIC, String.format("bad magic 0x%08x", magic));
        }
        int version = in.getUnsignedByte(start + FrameFormat.VERSION_OFFSET);
        if (version != FrameFormat.VERSION) {
            throw new ProtocolViolation(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this end speaks " + FrameFormat.VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(in.nioBuffer(start, FrameFormat.HEADER_CRC_OFFSET));
        if ((int) crc.getValue() != in.getInt(start + FrameFormat.HEADER_CRC_OFFSET)) {
            throw new ProtocolViolation(ErrorCode.BAD_CHECKSUM, "header checksum mismatch");
        }
        int code = in.getUnsignedByte(start + FrameFormat.OPCODE_OFFSET);
        Opcode opcode = Opcode.of(code);
        if (opcode == null) {
            throw new ProtocolViolation(ErrorCode.UNKNOWN_OPCODE, String.format("unknown opcode 0x%02x", code));
        }
        gate.admit(opcode);
        long length = in.getUnsignedInt(start + FrameFormat.LENGTH_OFFSET);
        if (length > maxFrameBytes - HEADER_BYTES) {
            throw new ProtocolViolation(ErrorCode.FRAME_TOO_LARGE, "payload of " + length + " bytes exceeds the "
                    + maxFrameBytes + "-byte frame limit");
        }
        int flags = in.getUnsignedShort(start + FrameFormat.FLAGS_OFFSET);
        if (flags != 0) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "flags must be 0 in version 1, got " + flags);
        }
        return opcode;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            throw new ProtocolViolation(ErrorCode.TRUNCATED,
                    "connection closed in the middle of a frame, " + in.readableBytes() + " bytes into it");
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    /**
     * A frame that has begun must be finished in time, or a peer whose length field promises more than it sends
     * would hold the connection, and the buffered bytes, for ever.
     */
    private void awaitRest(ChannelHandlerContext ctx, ByteBuf in) {
        if (!in.isReadable()) {
            cancelTimer();
            return;
        }
        if (incompleteFrameTimer == null) {
            int buffered = in.readableBytes();
            incompleteFrameTimer = ctx.executor().schedule(() -> {
                incompleteFrameTimer = null;
                ctx.fireExceptionCaught(new ProtocolViolation(ErrorCode.TRUNCATED, "incomplete frame: "
                        + buffered + "+ bytes received and the rest not within " + incompleteFrameTimeout));
            }, incompleteFrameTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (incompleteFrameTimer != null) {
            incompleteFrameTimer.cancel(false);
            incompleteFrameTimer = null;
        }
    }
}
