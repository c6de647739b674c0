package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.Blocks.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls to a peer that is gone, hangs, or goes away fail with a clear error by their deadline, and recover. */
class DeadlineTest {

    private static final int BLOCK_BYTES = 512;

    private final Arena arena = Arena.ofShared();

    @AfterEach
    void release() {
        arena.close();
    }

    private static DataPlaneSettings oneSecondCalls() {
        return TestSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @Test
    void aDeadPeerFailsTheCallWithConnectionFailed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        try (DataPlaneClient client = DataPlaneClient.connect("127.0.0.1", port, oneSecondCalls())) {
            DataPlaneException failure = assertThrows(DataPlaneException.class,
                    () -> client.get(new long[] {1}, Blocks.empty(arena, 1, BLOCK_BYTES)).block());

            assertEquals(ErrorCode.CONNECTION_FAILED, failure.code());
            assertTrue(failure.getMessage().contains("cannot connect to data plane 127.0.0.1:" + port),
                    failure.getMessage());
        }
    }

    @Test
    void aPeerThatNeverAnswersTheHandshakeFailsTheCallAtItsDeadline() throws IOException {
        try (ServerSocket silent = new ServerSocket(0);
                DataPlaneClient client = DataPlaneClient.connect("127.0.0.1", silent.getLocalPort(),
                        oneSecondCalls())) {
            DataPlaneException failure = assertThrows(DataPlaneException.class,
                    () -> client.put(new long[] {1}, Blocks.random(arena, 1, BLOCK_BYTES, 1)).block());

            assertEquals(ErrorCode.TIMEOUT, failure.code());
            assertTrue(failure.getMessage().contains("no connection to data plane"), failure.getMessage());
        }
    }

    @Test
    void aPeerThatHangsOnARequestFailsTheCallAtItsDeadline() {
        CountDownLatch released = new CountDownLatch(1);
        try (InMemoryBlockMemory memory = new InMemoryBlockMemory(BLOCK_BYTES)) {
            long[] address = memory.allocate(1);
            BlockMemory hangsOnRead = new BlockMemory() {
                @Override
                public BlockHandle openForRead(long a) {
                    awaitQuietly(released);
                    return memory.openForRead(a);
                }

                @Override
                public BlockHandle openForWrite(long a) {
                    return memory.openForWrite(a);
                }
            };
            try (DataPlaneServer server = DataPlaneServer.start(TestSettings.LOOPBACK, TestSettings.defaults(),
                    hangsOnRead);
                    DataPlaneClient client = DataPlaneClient.connect("127.0.0.1", server.port(), oneSecondCalls())) {
                try {
                    client.put(address, Blocks.random(arena, 1, BLOCK_BYTES, 2)).block();

                    DataPlaneException failure = assertThrows(DataPlaneException.class,
                            () -> client.get(address, Blocks.empty(arena, 1, BLOCK_BYTES)).block());

                    assertEquals(ErrorCode.TIMEOUT, failure.code());
                    assertTrue(failure.getMessage().contains("no answer from data plane"), failure.getMessage());
                } finally {
                    released.countDown();
                }
            }
        }
    }

    @Test
    void aLostConnectionFailsItsCallAndTheNextCallReconnects() throws IOException {
        try (InMemoryBlockMemory memory = new InMemoryBlockMemory(BLOCK_BYTES)) {
            long[] addresses = memory.allocate(2);
            List<MemorySegment> blocks = Blocks.random(arena, 2, BLOCK_BYTES, 3);
            DataPlaneServer first = DataPlaneServer.start(TestSettings.LOOPBACK, TestSettings.defaults(), memory);
            int port = first.port();
            try (DataPlaneClient client = DataPlaneClient.connect("127.0.0.1", port, oneSecondCalls())) {
                client.put(addresses, blocks).block();
                first.close();

                DataPlaneException failure = assertThrows(DataPlaneException.class,
                        () -> client.get(addresses, Blocks.empty(arena, 2, BLOCK_BYTES)).block());
                assertTrue(failure.connectionFailure(), failure::getMessage);

                try (DataPlaneServer second = DataPlaneServer.start(new InetSocketAddress("127.0.0.1", port),
                        TestSettings.defaults(), memory)) {
                    List<MemorySegment> read = Blocks.empty(arena, 2, BLOCK_BYTES);
                    client.get(addresses, read).block();
                    assertSameBytes(blocks, read);
                }
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
