package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The payload of an ERROR frame: a 16-bit code and a UTF-8 message. */
final class ErrorPayload {

    private ErrorPayload() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ErrorCode code, String message) {
        if (!code.onWire()) {
            throw new IllegalArgumentException(code + " is local to the client and never sent");
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        if (text.length > FrameFormat.MAX_ERROR_MESSAGE_BYTES) {
            text = Arrays.copyOf(text, FrameFormat.MAX_ERROR_MESSAGE_BYTES);
        }
        ByteBuf payload = alloc.buffer(2 + text.length);
        payload.writeShort(code.wireCode());
        payload.writeBytes(text);
        return payload;
    }

    /** The error a received ERROR frame reports, as the exception the client raises. */
    static DataPlaneException decode(ByteBuf payload, String peer) {
        if (payload.readableBytes() < 2) {
            return new DataPlaneException(ErrorCode.MALFORMED, peer + " sent an ERROR frame without a code");
        }
        int wire = payload.getUnsignedShort(payload.readerIndex());
        int textLength = Math.min(payload.readableBytes() - 2, FrameFormat.MAX_ERROR_MESSAGE_BYTES);
        String text = payload.toString(payload.readerIndex() + 2, textLength, StandardCharsets.UTF_8);
        ErrorCode code = ErrorCode.fromWire(wire);
        String prefix = code == ErrorCode.INTERNAL && wire != ErrorCode.INTERNAL.wireCode()
                ? "(unknown code " + wire + ") " : "";
        return new DataPlaneException(code, peer + " refused: " + prefix + text);
    }
}
