package io.memserve.bench.mempool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plain-socket ceiling of this machine: one thread writes a block-sized buffer over and over into a loopback TCP
 * connection, another reads it; bytes read per second, with the same socket buffer sizes the data plane uses.
 */
final class SocketBaseline {

    private SocketBaseline() {
    }

    static double gbPerSecond(int blockBytes, int socketBufferBytes, Duration duration)
            throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            AtomicLong received = new AtomicLong();
            long[] elapsed = new long[1];
            Thread reader = Thread.ofPlatform().name("baseline-reader").start(() -> {
                try (SocketChannel in = server.accept()) {
                    in.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferBytes);
                    ByteBuffer buffer = ByteBuffer.allocateDirect(blockBytes);
                    long start = System.nanoTime();
                    int n;
                    while ((n = in.read(buffer.clear())) >= 0) {
                        received.addAndGet(n);
                    }
                    elapsed[0] = System.nanoTime() - start;
                } catch (IOException e) {
                    throw new IllegalStateException("baseline reader failed", e);
                }
            });
            try (SocketChannel out = SocketChannel.open()) {
                out.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferBytes);
                out.setOption(StandardSocketOptions.TCP_NODELAY, true);
                out.connect(server.getLocalAddress());
                ByteBuffer block = ByteBuffer.allocateDirect(blockBytes);
                long end = System.nanoTime() + duration.toNanos();
                while (System.nanoTime() < end) {
                    block.clear();
                    while (block.hasRemaining()) {
                        out.write(block);
                    }
                }
            }
            reader.join();
            return received.get() / (double) elapsed[0];
        }
    }
}
