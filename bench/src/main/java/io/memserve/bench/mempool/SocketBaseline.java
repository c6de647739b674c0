package io.memserve.bench.mempool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * The plain-socket ceiling of this machine: one thread writes blocks into a loopback TCP connection, another reads
 * them, with the socket buffer sizes the data plane uses. The blocks are the data-plane measurement's own (written
 * from its source blocks, read into its destination blocks, one block per call), so both copy the same memory and
 * neither gets to loop over one buffer that stays in cache.
 */
final class SocketBaseline {

    private SocketBaseline() {
    }

    static Throughput measure(List<MemorySegment> sources, List<MemorySegment> targets, int socketBufferBytes,
            Duration duration) throws IOException, InterruptedException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Throughput[] read = {Throughput.NONE};
            Thread reader = Thread.ofPlatform().name("baseline-reader").start(() -> {
                try (SocketChannel in = server.accept()) {
                    in.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferBytes);
                    read[0] = readAll(in, targets);
                } catch (IOException e) {
                    throw new UncheckedIOException("baseline reader failed", e);
                }
            });
            try (SocketChannel out = SocketChannel.open()) {
                out.setOption(StandardSocketOptions.SO_SNDBUF, socketBufferBytes);
                out.setOption(StandardSocketOptions.TCP_NODELAY, true);
                out.connect(server.getLocalAddress());
                long end = System.nanoTime() + duration.toNanos();
                for (int i = 0; System.nanoTime() < end; i = (i + 1) % sources.size()) {
                    ByteBuffer block = sources.get(i).asByteBuffer();
                    while (block.hasRemaining()) {
                        out.write(block);
                    }
                }
            }
            reader.join();
            return read[0];
        }
    }

    private static Throughput readAll(SocketChannel in, List<MemorySegment> targets) throws IOException {
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; ; i = (i + 1) % targets.size()) {
            ByteBuffer block = targets.get(i).asByteBuffer();
            while (block.hasRemaining()) {
                int n = in.read(block);
                if (n < 0) {
                    return new Throughput(bytes, System.nanoTime() - start);
                }
                bytes += n;
            }
        }
    }
}
