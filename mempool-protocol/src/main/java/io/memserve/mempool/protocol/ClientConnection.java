package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * One client connection: runs the handshake, then carries calls, several in flight at once, matched to their answers
 * by request id. At most the agreed number of requests are outstanding; later calls wait here, in order. All state is
 * touched only on the connection's event loop.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements FrameDecoder.Receiver {

    private enum State { AWAIT_CHALLENGE, AWAIT_AUTH_OK, READY, CLOSED }

    private final DataPlaneSettings settings;
    private final Handshake handshake;
    private final String peer;
    private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();
    private final Map<Integer, PendingCall> inFlight = new HashMap<>();
    private final ArrayDeque<PendingCall> waiting = new ArrayDeque<>();
    private FrameDecoder decoder;
    private Channel channel;
    private State state = State.AWAIT_CHALLENGE;
    private byte[] hello;
    private int frameLimit;
    private int maxInFlight;
    private int nextRequestId = 1;
    private DataPlaneException closeCause;
    private ScheduledFuture<?> handshakeTimer;

    ClientConnection(DataPlaneSettings settings, Handshake handshake, String peer) {
        this.settings = settings;
        this.handshake = handshake;
        this.peer = peer;
    }

    void decoder(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    /** Completes once the handshake has succeeded, or fails with why it did not. */
    CompletableFuture<ClientConnection> ready() {
        return ready;
    }

    /** The frame limit both ends agreed on; known once {@link #ready()} completed. */
    int frameLimit() {
        return frameLimit;
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    /** Sends one batch and completes when the peer has answered it, or fails at its deadline at the latest. */
    Mono<Void> call(BlockBatch batch, long deadlineNanos) {
        return Mono.create(sink -> {
            PendingCall call = new PendingCall(batch, deadlineNanos, sink);
            sink.onCancel(() -> onEventLoop(() -> forget(call), () -> { }));
            onEventLoop(() -> enqueue(call), () -> call.fail(closed(ErrorCode.CLIENT_CLOSED, "client is closed")));
        });
    }

    void close(DataPlaneException cause) {
        if (channel == null) {
            return;
        }
        onEventLoop(() -> {
            if (closeCause == null) {
                closeCause = cause;
            }
            channel.close();
        }, () -> { });
    }

    @Override
    public void admit(Opcode opcode) {
        boolean expected = switch (state) {
            case AWAIT_CHALLENGE -> opcode == Opcode.CHALLENGE || opcode == Opcode.ERROR;
            case AWAIT_AUTH_OK -> opcode == Opcode.AUTH_OK || opcode == Opcode.ERROR;
            case READY -> opcode == Opcode.PUT_OK || opcode == Opcode.GET_DATA || opcode == Opcode.ERROR;
            case CLOSED -> false;
        };
        if (!expected) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "unexpected " + opcode + " from the server");
        }
    }

    /** A GET's answer goes straight into the call's segments; everything else is buffered and read as a frame. */
    @Override
    public PayloadSink payloadSink(ChannelHandlerContext ctx, Opcode opcode, int requestId, int length) {
        PendingCall call = opcode == Opcode.GET_DATA ? inFlight.get(requestId) : null;
        if (call == null || call.batch.opcode() != Opcode.GET || call.batch.table().dataBytes() != length) {
            return null;
        }
        call.receiving = new SegmentsPayload(call.batch.segments(), () -> {
            inFlight.remove(requestId);
            call.succeed();
            sendWaiting();
        });
        return call.receiving;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        hello = Handshake.hello(settings.maxFrameBytes(), Handshake.nonce());
        handshakeTimer = ctx.executor().schedule(() -> {
            closeCause = closed(ErrorCode.HANDSHAKE_TIMEOUT, "no handshake within " + settings.handshakeTimeout());
            ctx.close();
        }, settings.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.HELLO, 0, ctx.alloc().buffer().writeBytes(hello)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            if (frame.opcode() == Opcode.ERROR && frame.requestId() == 0) {
                closeCause = ErrorPayload.decode(frame.payload(), peer);
                ctx.close();
                return;
            }
            if (state != State.READY && frame.opcode() == Opcode.ERROR) {
                throw new ProtocolViolation(ErrorCode.MALFORMED,
                        "ERROR for request " + frame.requestId() + " during the handshake");
            }
            switch (state) {
                case AWAIT_CHALLENGE -> onChallenge(ctx, frame.payload());
                case AWAIT_AUTH_OK -> onAuthOk();
                case READY -> onAnswer(frame);
                case CLOSED -> { }
            }
        } finally {
            frame.release();
        }
    }

    private void onChallenge(ChannelHandlerContext ctx, ByteBuf payload) {
        if (payload.readableBytes() != Handshake.CHALLENGE_BYTES) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "CHALLENGE payload must be "
                    + Handshake.CHALLENGE_BYTES + " bytes, got " + payload.readableBytes());
        }
        int start = payload.readerIndex();
        long serverLimit = payload.getUnsignedInt(start);
        long serverInFlight = payload.getUnsignedInt(start + 4);
        byte[] challenge = Handshake.bytes(payload.slice(start, Handshake.CHALLENGE_BYTES - Handshake.PROOF_BYTES));
        byte[] proof = Handshake.bytes(payload.slice(start + challenge.length, Handshake.PROOF_BYTES));
        byte[] transcript = Handshake.transcript(hello, challenge);
        if (!Handshake.matches(handshake.serverProof(transcript), proof)) {
            throw new ProtocolViolation(ErrorCode.AUTH_FAILED,
                    "the server could not prove it holds this cluster's secret");
        }
        if (serverLimit < DataPlaneSettings.MIN_FRAME_BYTES || serverInFlight < 1) {
            throw new ProtocolViolation(ErrorCode.MALFORMED, "server limits out of range: frame " + serverLimit
                    + " bytes, " + serverInFlight + " in flight");
        }
        frameLimit = (int) Math.min(serverLimit, settings.maxFrameBytes());
        maxInFlight = (int) Math.min(serverInFlight, settings.maxInFlightPerConnection());
        state = State.AWAIT_AUTH_OK;
        ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.AUTH, 0,
                ctx.alloc().buffer(Handshake.PROOF_BYTES).writeBytes(handshake.clientProof(transcript))));
    }

    private void onAuthOk() {
        stopHandshakeTimer();
        decoder.maxFrameBytes(frameLimit);
        state = State.READY;
        ready.complete(this);
    }

    private void onAnswer(Frame frame) {
        PendingCall call = inFlight.remove(frame.requestId());
        if (call == null) {
            // The call already failed at its deadline; its late answer has no one to go to.
            return;
        }
        try {
            call.batch.complete(frame, peer);
            call.succeed();
        } catch (DataPlaneException e) {
            call.fail(e);
        }
        sendWaiting();
    }

    private void enqueue(PendingCall call) {
        if (state != State.READY) {
            call.fail(closeCause != null ? closeCause : closed(ErrorCode.CONNECTION_LOST, "connection closed"));
            return;
        }
        long remaining = call.deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            call.fail(timedOut());
            return;
        }
        call.timer = channel.eventLoop().schedule(() -> {
            if (forget(call)) {
                call.fail(timedOut());
            }
        }, remaining, TimeUnit.NANOSECONDS);
        waiting.add(call);
        sendWaiting();
    }

    private void sendWaiting() {
        while (inFlight.size() < maxInFlight && !waiting.isEmpty()) {
            PendingCall call = waiting.poll();
            int id = nextRequestId();
            ByteBuf request;
            try {
                request = call.batch.encode(channel.alloc(), id);
            } catch (RuntimeException e) {
                // The caller's segments were unusable (for example freed before the call was sent).
                call.fail(new DataPlaneException(ErrorCode.INTERNAL, "cannot send to " + peer + ": " + e, e));
                continue;
            }
            call.requestId = id;
            inFlight.put(id, call);
            channel.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private int nextRequestId() {
        int id;
        do {
            id = nextRequestId++;
        } while (id == 0 || inFlight.containsKey(id));
        return id;
    }

    /** Drops a call that timed out or was cancelled; false if it had already been answered. */
    private boolean forget(PendingCall call) {
        boolean removed = inFlight.remove(call.requestId, call) || waiting.remove(call);
        if (call.receiving != null) {
            call.receiving.detach();
        }
        call.stopTimer();
        sendWaiting();
        return removed;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (state == State.CLOSED) {
            return;
        }
        if (root instanceof ProtocolViolation violation) {
            closeCause = closed(violation.code(), "broke the protocol: " + violation.getMessage());
            decoder.fail();
            state = State.CLOSED;
            ctx.writeAndFlush(FrameEncoder.encode(ctx.alloc(), Opcode.ERROR, 0,
                    ErrorPayload.encode(ctx.alloc(), violation.code(), violation.getMessage())))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String why = root instanceof IOException ? root.getMessage() : root.toString();
        closeCause = new DataPlaneException(ErrorCode.CONNECTION_LOST, "connection to " + peer + " failed: " + why,
                root);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopHandshakeTimer();
        state = State.CLOSED;
        DataPlaneException cause = closeCause != null ? closeCause
                : closed(ErrorCode.CONNECTION_LOST, "connection closed by the peer");
        ready.completeExceptionally(cause);
        List<PendingCall> failed = new ArrayList<>(inFlight.values());
        failed.addAll(waiting);
        inFlight.clear();
        waiting.clear();
        for (PendingCall call : failed) {
            call.fail(cause);
        }
        ctx.fireChannelInactive();
    }

    private DataPlaneException timedOut() {
        return new DataPlaneException(ErrorCode.TIMEOUT, "no answer from " + peer + " within "
                + settings.requestTimeout());
    }

    private DataPlaneException closed(ErrorCode code, String why) {
        return new DataPlaneException(code, peer + ": " + why);
    }

    private void stopHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }

    private void onEventLoop(Runnable task, Runnable ifShutDown) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            ifShutDown.run();
        }
    }
}
