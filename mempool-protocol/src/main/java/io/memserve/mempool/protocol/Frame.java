package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;

/** One decoded frame, checksums already verified. Whoever takes it releases the payload. */
record Frame(Opcode opcode, int requestId, ByteBuf payload) {

    void release() {
        payload.release();
    }
}
