package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Where the payload of one frame goes as it arrives, chosen once its header has been checked. All calls come from the
 * connection's event loop, in this order: {@link #accept} (and {@link #receiveBuffer}) until the payload is complete,
 * then {@link #complete} if its checksum matched or {@link #abandon} if the frame failed.
 */
interface PayloadSink {

    /**
     * A buffer over the memory where the next payload bytes belong, at most {@code max} bytes long, for the socket to
     * read into directly; null to have them read into an ordinary buffer and {@link #accept}ed from there.
     */
    default ByteBuf receiveBuffer(int max) {
        return null;
    }

    /**
     * Takes the next {@code length} payload bytes, {@code in} from {@code index}. When {@code in} is the buffer
     * {@link #receiveBuffer} lent last, its bytes are already where they belong. {@code in} is released after the call;
     * a sink that keeps bytes retains them.
     */
    void accept(ByteBuf in, int index, int length);

    /** The CRC32C of the payload bytes accepted so far. */
    int checksum();

    /** The whole payload has arrived and its checksum matched. */
    void complete();

    /** The frame will not complete (bad checksum, connection lost, protocol violation): lets go of what it holds. */
    void abandon();
}
