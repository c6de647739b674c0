package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The buffers one connection's socket reads into: where its decoder says the next payload bytes belong (a GET's
 * answer straight into the caller's segments, with no copy in between), otherwise pooled buffers sized as Netty's
 * adaptive allocator guesses but never reaching past the current payload, so that the next payload can again be read
 * in place. Set per channel, because it asks that channel's decoder.
 */
final class ReceiveBuffers implements RecvByteBufAllocator {

    private static final int MIN_READ_BYTES = 64 * 1024;
    private static final int INITIAL_READ_BYTES = 256 * 1024;
    private static final int MAX_READ_BYTES = 2 * 1024 * 1024;

    private final AdaptiveRecvByteBufAllocator adaptive =
            new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, INITIAL_READ_BYTES, MAX_READ_BYTES);
    private final FrameDecoder decoder;

    ReceiveBuffers(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Handle newHandle() {
        return new DecoderHandle((ExtendedHandle) adaptive.newHandle());
    }

    /** Netty's epoll transport requires an extended handle; everything but the buffer itself is the adaptive one's. */
    private final class DecoderHandle implements ExtendedHandle {

        private final ExtendedHandle adaptiveHandle;

        DecoderHandle(ExtendedHandle adaptiveHandle) {
            this.adaptiveHandle = adaptiveHandle;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf inPlace = decoder.receiveBuffer();
            return inPlace != null ? inPlace : alloc.ioBuffer(Math.min(adaptiveHandle.guess(), decoder.readLimit()));
        }

        @Override
        public int guess() {
            return adaptiveHandle.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            adaptiveHandle.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            adaptiveHandle.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            adaptiveHandle.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return adaptiveHandle.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            adaptiveHandle.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return adaptiveHandle.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return adaptiveHandle.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return adaptiveHandle.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            adaptiveHandle.readComplete();
        }
    }
}
