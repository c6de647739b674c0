package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * One accepted connection, from handshake to close. Requests are carried out in arrival order on the connection's
 * event loop; reading stops while {@code maxInFlight} responses are unsent or the socket is not writable, which is
 * what bounds a connection's memory (docs/mempool-protocol.md, "Flow control").
 */
final class ServerSession extends ChannelInboundHandlerAdapter implements FrameDecoder.Receiver {

    private static final System.Logger LOG = System.getLogger(DataPlaneServer.class.getName());

    private enum State { AWAIT_HELLO, AWAIT_AUTH, READY, CLOSING }

    private final DataPlaneSettings settings;
    private final Handshake handshake;
    private final BlockRequests requests;
    private FrameDecoder decoder;
    private State state = State.AWAIT_HELLO;
    private byte[] transcript;
    private int frameLimit;
    private int unsentResponses;
    private ScheduledFuture<?> handshakeTimer;

    ServerSession(DataPlaneSettings settings, Handshake handshake, BlockRequests requests) {
        this.settings = settings;
        this.handshake = handshake;
        this.requests = requests;
    }

    void decoder(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void admit(Opcode opcode) {
        if (opcode == Opcode.ERROR) {
            return;
        }
        switch (state) {
            case AWAIT_HELLO -> expectHandshake(opcode, Opcode.HELLO);
            case AWAIT_AUTH -> expectHandshake(opcode, Opcode.AUTH);
            case READY -> {
                if (opcode != Opcode.PUT && opcode != Opcode.GET) {
                    throw new ProtocolViolation(ErrorCode.MALFORMED, opcode + " is not a request a client sends");
                }
            }
            case CLOSING -> { }
        }
    }

    /** A PUT's block bytes are received into its blocks as they arrive; every other frame is buffered whole. */
    @Override
    public PayloadSink payloadSink(ChannelHandlerContext ctx, Opcode opcode, int requestId, int length) {
        if (opcode != Opcode.PUT) {
            return null;
        }
        return new PutPayload(requests, length, failure -> {
            if (state == State.CLOSING) {
                return;
            }
            if (failure != null) {
                refuse(ctx, requestId, failure);
            } else {
                respond(ctx, FrameEncoder.encode(ctx.alloc(), Opcode.PUT_OK, requestId, Unpooled.EMPTY_BUFFER, 0),
                        null);
            }
        });
    }

    private static void expectHandshake(Opcode received, Opcode expected) {
        if (received != expected) {
            throw new ProtocolViolation(ErrorCode.NOT_AUTHENTICATED,
                    received + " before the handshake completed; expected " + expected);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshakeTimer = ctx.executor().schedule(() -> violation(ctx, new ProtocolViolation(
                        ErrorCode.HANDSHAKE_TIMEOUT, "no handshake within " + settings.handshakeTimeout())),
                settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelHandshakeTimer();
        state = State.CLOSING;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            if (state == State.CLOSING) {
                return;
            }
            switch (frame.opcode()) {
                case HELLO -> onHello(ctx, frame.payload());
                case AUTH -> onAuth(ctx, frame.payload());
                case GET -> onGet(ctx, frame);
                case ERROR -> onPeerError(ctx, frame);
                default -> throw new IllegalStateException("the gate admitted " + frame.opcode());
            }
        } finally {
            frame.release();
        }
    }

    private void onHello(ChannelHandlerContext ctx, ByteBuf payload) {
        if (payload.readableBytes() != Handshake.HELLO_BYTES) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "HELLO payload must be " + Handshake.HELLO_BYTES
                    + " bytes, got " + payload.readableBytes());
        }
        byte[] hello = Handshake.bytes(payload);
        long clientLimit = payload.getUnsignedInt(payload.readerIndex());
        if (clientLimit < DataPlaneSettings.MIN_FRAME_BYTES) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "client frame limit " + clientLimit
                    + " is below the minimum " + DataPlaneSettings.MIN_FRAME_BYTES);
        }
        frameLimit = (int) Math.min(clientLimit, settings.maxFrameBytes());
        byte[] challenge = Handshake.challengeWithoutProof(settings.maxFrameBytes(),
                settings.maxInFlightPerConnection(), Handshake.nonce());
        transcript = Handshake.transcript(hello, challenge);
        ByteBuf out = ctx.alloc().buffer(Handshake.CHALLENGE_BYTES)
                .writeBytes(challenge)
                .writeBytes(handshake.serverProof(transcript));
        state = State.AWAIT_AUTH;
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.CHALLENGE, 0, out));
    }

    private void onAuth(ChannelHandlerContext ctx, ByteBuf payload) {
        byte[] proof = Handshake.bytes(payload);
        if (!Handshake.matches(handshake.clientProof(transcript), proof)) {
            throw new ProtocolViolation(ErrorCode.AUTH_FAILED,
                    "handshake proof does not match: the peer does not hold this cluster's secret");
        }
        cancelHandshakeTimer();
        decoder.maxFrameBytes(frameLimit);
        state = State.READY;
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.AUTH_OK, 0, Unpooled.EMPTY_BUFFER));
    }

    private void onGet(ChannelHandlerContext ctx, Frame frame) {
        BlockRequests.Readout readout;
        try {
            readout = requests.get(frame.payload(), frameLimit - FrameFormat.HEADER_BYTES, ctx.alloc());
        } catch (RuntimeException e) {
            refuse(ctx, frame.requestId(), e);
            return;
        }
        ByteBuf answer;
        try {
            answer = FrameEncoder.encode(ctx.alloc(), Opcode.GET_DATA, frame.requestId(), readout.payload(),
                    readout.checksum());
        } catch (RuntimeException e) {
            readout.unpin();
            refuse(ctx, frame.requestId(), e);
            return;
        }
        respond(ctx, answer, readout);
    }

    private void onPeerError(ChannelHandlerContext ctx, Frame frame) {
        DataPlaneException error = ErrorPayload.decode(frame.payload(), "client " + ctx.channel().remoteAddress());
        LOG.log(Level.WARNING, "closing data-plane connection: {0}", error.getMessage());
        state = State.CLOSING;
        decoder.fail();
        ctx.close();
    }

    /** Answers a request that failed on its own, leaving the connection in service. */
    private void refuse(ChannelHandlerContext ctx, int requestId, RuntimeException failure) {
        ErrorCode code = ErrorCode.INTERNAL;
        String message = "internal error: " + failure;
        if (failure instanceof RequestRefused refused) {
            code = refused.code();
            message = refused.getMessage();
        } else {
            LOG.log(Level.ERROR, "data-plane request failed", failure);
        }
        respond(ctx, FrameEncoder.encode(ctx.alloc(), Opcode.ERROR, requestId,
                ErrorPayload.encode(ctx.alloc(), code, message)), null);
    }

    /** Sends a response and unpins what it referenced once the socket has taken it. */
    private void respond(ChannelHandlerContext ctx, ByteBuf frame, BlockRequests.Readout pinned) {
        unsentResponses++;
        ctx.writeAndFlush(frame).addListener(f -> {
            if (pinned != null) {
                pinned.unpin();
            }
            unsentResponses--;
            updateAutoRead(ctx);
        });
        updateAutoRead(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateAutoRead(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    private void updateAutoRead(ChannelHandlerContext ctx) {
        boolean read = ctx.channel().isWritable() && unsentResponses < settings.maxInFlightPerConnection();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        switch (root) {
            case ProtocolViolation violation -> violation(ctx, violation);
            case IOException io -> {
                LOG.log(Level.DEBUG, "data-plane connection {0} failed: {1}", ctx.channel().remoteAddress(), io);
                ctx.close();
            }
            default -> {
                LOG.log(Level.ERROR, "data-plane connection " + ctx.channel().remoteAddress() + " failed", root);
                violation(ctx, new ProtocolViolation(ErrorCode.INTERNAL, "internal error: " + root));
            }
        }
    }

    /** Tells the peer why, then closes; a connection already closing stays silent. */
    private void violation(ChannelHandlerContext ctx, ProtocolViolation violation) {
        if (state == State.CLOSING) {
            return;
        }
        LOG.log(Level.WARNING, "refusing data-plane peer {0}: {1} {2}", ctx.channel().remoteAddress(),
                violation.code(), violation.getMessage());
        state = State.CLOSING;
        cancelHandshakeTimer();
        decoder.fail();
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.ERROR, 0,
                        ErrorPayload.encode(ctx.alloc(), violation.code(), violation.getMessage())))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }
}
