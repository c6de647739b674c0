package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.FrameFormat.HEADER_BYTES;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * Cuts the byte stream into frames and checks each one before anything else sees it: magic, version, header
 * checksum, opcode, whether the opcode is allowed now, the length limit (before a byte of payload is taken), flags,
 * and the payload checksum. Any failure is a {@link ProtocolViolation}; after one the decoder drops all further input
 * while the connection is being closed.
 *
 * <p>Each payload goes to the {@link PayloadSink} its {@link Receiver} picks from the header, as it arrives: buffered
 * and passed on as a {@link Frame} by default, or straight into the memory it is meant for (a GET's answer into the
 * caller's segments), where the socket can also read it directly ({@link #receiveBuffer}).
 */
final class FrameDecoder extends ChannelInboundHandlerAdapter {

    /**
     * Reads of ordinary buffers are cut at the end of the current payload, and between frames are at most this long,
     * so that little of a payload that could be received in place lands in an ordinary buffer first.
     */
    static final int BETWEEN_FRAMES_READ_BYTES = 16 * 1024;

    /** The handler a decoder serves: which frames it accepts now and where their payloads go. */
    interface Receiver {

        /** Says whether a frame with this opcode may arrive now, throwing the violation if not. */
        void admit(Opcode opcode);

        /** Where an admitted frame's payload goes; null for a {@link BufferedPayload}. */
        PayloadSink payloadSink(ChannelHandlerContext ctx, Opcode opcode, int requestId, int length);
    }

    private final Receiver receiver;
    private final Duration incompleteFrameTimeout;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    private int maxFrameBytes = FrameFormat.UNAUTHENTICATED_MAX_FRAME_BYTES;
    private boolean failed;
    private ScheduledFuture<?> incompleteFrameTimer;
    /** The current frame's, once its header is checked; null while a header is being read. */
    private PayloadSink sink;
    private int payloadRemaining;
    private int payloadCrc;

    FrameDecoder(Receiver receiver, Duration incompleteFrameTimeout) {
        this.receiver = receiver;
        this.incompleteFrameTimeout = incompleteFrameTimeout;
    }

    /** Raised once the peer has authenticated, to the limit both ends agreed on. */
    void maxFrameBytes(int bytes) {
        maxFrameBytes = bytes;
    }

    /** Stops decoding: the connection is closing after a violation. */
    void fail() {
        failed = true;
        cancelTimer();
        abandonFrame();
    }

    /** A buffer the socket may read the next payload bytes into directly, or null (see {@link ReceiveBuffers}). */
    ByteBuf receiveBuffer() {
        return failed || sink == null ? null : sink.receiveBuffer(payloadRemaining);
    }

    /** The most an ordinary buffer should take in the next read. */
    int readLimit() {
        return sink == null ? BETWEEN_FRAMES_READ_BYTES : payloadRemaining;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (!failed && in.isReadable()) {
                if (sink == null) {
                    int take = Math.min(header.remaining(), in.readableBytes());
                    in.readBytes(header.array(), header.position(), take);
                    header.position(header.position() + take);
                    if (!header.hasRemaining()) {
                        startFrame(ctx);
                    }
                } else {
                    int take = Math.min(payloadRemaining, in.readableBytes());
                    sink.accept(in, in.readerIndex(), take);
                    in.skipBytes(take);
                    payloadRemaining -= take;
                    if (payloadRemaining == 0) {
                        finishFrame();
                    }
                }
            }
            if (!failed) {
                timeIncompleteFrame(ctx);
            }
        } catch (ProtocolViolation violation) {
            fail();
            ctx.fireExceptionCaught(violation);
        } finally {
            in.release();
        }
    }

    private void startFrame(ChannelHandlerContext ctx) {
        int magic = header.getInt(FrameFormat.MAGIC_OFFSET);
        if (magic != FrameFormat.MAGIC) {
            throw new ProtocolViolation(ErrorCode.BAD_MAGIC, String.format("bad magic 0x%08x", magic));
        }
        int version = Byte.toUnsignedInt(header.get(FrameFormat.VERSION_OFFSET));
        if (version != FrameFormat.VERSION) {
            throw new ProtocolViolation(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this end speaks " + FrameFormat.VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, FrameFormat.HEADER_CRC_OFFSET);
        if ((int) crc.getValue() != header.getInt(FrameFormat.HEADER_CRC_OFFSET)) {
            throw new ProtocolViolation(ErrorCode.BAD_CHECKSUM, "header checksum mismatch");
        }
        int code = Byte.toUnsignedInt(header.get(FrameFormat.OPCODE_OFFSET));
        Opcode opcode = Opcode.of(code);
        if (opcode == null) {
            throw new ProtocolViolation(ErrorCode.UNKNOWN_OPCODE, String.format("unknown opcode 0x%02x", code));
        }
        receiver.admit(opcode);
        long length = Integer.toUnsignedLong(header.getInt(FrameFormat.LENGTH_OFFSET));
        if (length > maxFrameBytes - HEADER_BYTES) {
            throw new ProtocolViolation(ErrorCode.FRAME_TOO_LARGE, "payload of " + length + " bytes exceeds the "
                    + maxFrameBytes + "-byte frame limit");
        }
        int flags = Short.toUnsignedInt(header.getShort(FrameFormat.FLAGS_OFFSET));
        if (flags != 0) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "flags must be 0 in version 1, got " + flags);
        }
        int requestId = header.getInt(FrameFormat.REQUEST_ID_OFFSET);
        payloadCrc = header.getInt(FrameFormat.PAYLOAD_CRC_OFFSET);
        payloadRemaining = (int) length;
        header.clear();
        PayloadSink chosen = receiver.payloadSink(ctx, opcode, requestId, payloadRemaining);
        sink = chosen != null ? chosen : new BufferedPayload(ctx, opcode, requestId);
        if (payloadRemaining == 0) {
            finishFrame();
        }
    }

    private void finishFrame() {
        PayloadSink done = sink;
        sink = null;
        if (done.checksum() != payloadCrc) {
            done.abandon();
            throw new ProtocolViolation(ErrorCode.BAD_CHECKSUM, "payload checksum mismatch");
        }
        cancelTimer();
        done.complete();
    }

    private boolean inFrame() {
        return sink != null || header.position() > 0;
    }

    private void abandonFrame() {
        if (sink != null) {
            PayloadSink abandoned = sink;
            sink = null;
            abandoned.abandon();
        }
        header.clear();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            truncated(ctx, "the peer shut down its output");
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        truncated(ctx, "connection closed");
        abandonFrame();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimer();
        abandonFrame();
    }

    private void truncated(ChannelHandlerContext ctx, String why) {
        if (!failed && inFrame()) {
            fail();
            ctx.fireExceptionCaught(new ProtocolViolation(ErrorCode.TRUNCATED, why + " in the middle of a frame"));
        }
    }

    /**
     * A frame that has begun must be finished in time, or a peer whose length field promises more than it sends
     * would hold the connection, and the buffered bytes, for ever.
     */
    private void timeIncompleteFrame(ChannelHandlerContext ctx) {
        if (!inFrame()) {
            cancelTimer();
        } else if (incompleteFrameTimer == null) {
            incompleteFrameTimer = ctx.executor().schedule(() -> {
                incompleteFrameTimer = null;
                if (!failed && inFrame()) {
                    fail();
                    ctx.fireExceptionCaught(new ProtocolViolation(ErrorCode.TRUNCATED, "incomplete frame: the rest"
                            + " did not arrive within " + incompleteFrameTimeout));
                }
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
