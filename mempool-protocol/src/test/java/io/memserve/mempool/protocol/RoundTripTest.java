package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.Blocks.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RoundTripTest {

    private final Arena arena = Arena.ofShared();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        arena.close();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    private InMemoryBlockMemory memory(int blockBytes) {
        return closeLater(new InMemoryBlockMemory(blockBytes));
    }

    private DataPlaneServer server(DataPlaneSettings settings, BlockMemory memory) {
        return closeLater(DataPlaneServer.start(TestSettings.LOOPBACK, settings, memory));
    }

    private DataPlaneClient client(DataPlaneServer server, DataPlaneSettings settings) {
        return closeLater(DataPlaneClient.connect("127.0.0.1", server.port(), settings));
    }

    @Test
    void putThenGetOfManyLargeBlocksReturnsTheSameBytes() {
        int blockBytes = 256 * 1024;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneClient client = client(server(TestSettings.defaults(), memory), TestSettings.defaults());
        long[] addresses = memory.allocate(100);
        List<MemorySegment> blocks = Blocks.random(arena, 100, blockBytes, 1);

        client.put(addresses, blocks).block();
        List<MemorySegment> read = Blocks.empty(arena, 100, blockBytes);
        client.get(addresses, read).block();

        assertSameBytes(blocks, read);
        for (int i = 0; i < addresses.length; i++) {
            assertEquals(-1L, blocks.get(i).mismatch(memory.bytesOf(addresses[i])));
        }
        assertEquals(0, memory.openHandles());
    }

    @Test
    void oddSizedBlocksSplitOverManySmallFrames() {
        int blockBytes = 12_345;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneSettings smallFrames = TestSettings.defaults().withMaxFrameBytes(DataPlaneSettings.MIN_FRAME_BYTES);
        DataPlaneClient client = client(server(smallFrames, memory), TestSettings.defaults());
        long[] addresses = memory.allocate(301);
        List<MemorySegment> blocks = Blocks.random(arena, 301, blockBytes, 2);

        client.put(addresses, blocks).block();
        List<MemorySegment> read = Blocks.empty(arena, 301, blockBytes);
        client.get(addresses, read).block();

        assertSameBytes(blocks, read);
    }

    @Test
    void severalClientsAtOnceEachGetTheirOwnBytesBack() {
        int blockBytes = 64 * 1024 + 3;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneServer server = server(TestSettings.defaults(), memory);
        List<Mono<Void>> roundTrips = new ArrayList<>();
        List<List<MemorySegment>> written = new ArrayList<>();
        List<List<MemorySegment>> read = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            DataPlaneClient client = client(server, TestSettings.defaults().withConnections(2, 4));
            long[] addresses = memory.allocate(40);
            List<MemorySegment> blocks = Blocks.random(arena, 40, blockBytes, 100 + c);
            List<MemorySegment> into = Blocks.empty(arena, 40, blockBytes);
            written.add(blocks);
            read.add(into);
            roundTrips.add(client.put(addresses, blocks).then(client.get(addresses, into)));
        }

        Mono.when(roundTrips).block();

        for (int c = 0; c < written.size(); c++) {
            assertSameBytes(written.get(c), read.get(c));
        }
    }

    @Test
    void manyCallsInFlightOnOneConnectionAreMatchedToTheirAnswers() {
        int blockBytes = 4096;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneClient client = client(server(TestSettings.defaults(), memory),
                TestSettings.defaults().withConnections(1, 3));
        long[] addresses = memory.allocate(64);
        List<MemorySegment> blocks = Blocks.random(arena, 64, blockBytes, 3);
        List<MemorySegment> read = Blocks.empty(arena, 64, blockBytes);
        List<Mono<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long[] one = {addresses[i]};
            calls.add(client.put(one, List.of(blocks.get(i))).then(client.get(one, List.of(read.get(i)))));
        }

        Mono.when(calls).block();

        assertSameBytes(blocks, read);
    }

    @Test
    void refusedRequestsReportTheirCodeAndLeaveTheConnectionInService() {
        int blockBytes = 1024;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneClient client = client(server(TestSettings.defaults(), memory),
                TestSettings.defaults().withConnections(1, 8));
        long[] addresses = memory.allocate(3);
        List<MemorySegment> blocks = Blocks.random(arena, 3, blockBytes, 4);

        DataPlaneException unallocated = assertThrows(DataPlaneException.class,
                () -> client.put(new long[] {addresses[0], 42L, addresses[2]}, blocks).block());
        DataPlaneException neverWritten = assertThrows(DataPlaneException.class,
                () -> client.get(addresses, Blocks.empty(arena, 3, blockBytes)).block());
        DataPlaneException wrongSize = assertThrows(DataPlaneException.class,
                () -> client.put(new long[] {addresses[0]}, Blocks.random(arena, 1, blockBytes + 1, 5)).block());

        assertEquals(ErrorCode.BLOCK_ACCESS, unallocated.code());
        assertTrue(unallocated.getMessage().contains("2a"), unallocated.getMessage());
        assertEquals(-1L, memory.bytesOf(addresses[0]).mismatch(arena.allocate(blockBytes)),
                "a refused PUT must write none of its blocks");
        assertEquals(ErrorCode.BLOCK_ACCESS, neverWritten.code());
        assertEquals(ErrorCode.BLOCK_SIZE_MISMATCH, wrongSize.code());
        assertEquals(0, memory.openHandles());

        List<MemorySegment> read = Blocks.empty(arena, 3, blockBytes);
        client.put(addresses, blocks).then(client.get(addresses, read)).block();
        assertSameBytes(blocks, read);
    }

    @Test
    void aBlockWhoseMemoryChangedSinceItWasWrittenFailsTheChecksumOfItsGet() {
        int blockBytes = 64 * 1024;
        InMemoryBlockMemory memory = memory(blockBytes);
        DataPlaneClient client = client(server(TestSettings.defaults(), memory), TestSettings.defaults());
        long[] addresses = memory.allocate(2);
        List<MemorySegment> blocks = Blocks.random(arena, 2, blockBytes, 9);
        client.put(addresses, blocks).block();

        memory.bytesOf(addresses[1]).set(ValueLayout.JAVA_BYTE, 1000, (byte) ~blocks.get(1).get(ValueLayout.JAVA_BYTE,
                1000));
        DataPlaneException corrupted = assertThrows(DataPlaneException.class,
                () -> client.get(addresses, Blocks.empty(arena, 2, blockBytes)).block());

        assertEquals(ErrorCode.BAD_CHECKSUM, corrupted.code());
        List<MemorySegment> read = Blocks.empty(arena, 1, blockBytes);
        client.get(new long[] {addresses[0]}, read).block();
        assertSameBytes(blocks.subList(0, 1), read);
    }

    @Test
    void aBlockLargerThanAFrameIsRefusedBeforeSending() {
        InMemoryBlockMemory memory = memory(128 * 1024);
        DataPlaneSettings smallFrames = TestSettings.defaults().withMaxFrameBytes(DataPlaneSettings.MIN_FRAME_BYTES);
        DataPlaneClient client = client(server(smallFrames, memory), TestSettings.defaults());

        DataPlaneException tooLarge = assertThrows(DataPlaneException.class,
                () -> client.put(memory.allocate(1), Blocks.random(arena, 1, 128 * 1024, 6)).block());

        assertEquals(ErrorCode.FRAME_TOO_LARGE, tooLarge.code());
    }

    @Test
    void aClientWithTheWrongSecretIsRefused() {
        InMemoryBlockMemory memory = memory(1024);
        DataPlaneServer server = server(TestSettings.defaults(), memory);
        DataPlaneClient stranger = client(server,
                DataPlaneSettings.defaults("another-cluster-secret-xyz".getBytes()));

        DataPlaneException refused = assertThrows(DataPlaneException.class,
                () -> stranger.put(memory.allocate(1), Blocks.random(arena, 1, 1024, 7)).block());

        assertEquals(ErrorCode.AUTH_FAILED, refused.code());
    }

    @Test
    void aSegmentFreedBeforeTheCallIsSentFailsTheCall() {
        InMemoryBlockMemory memory = memory(1024);
        DataPlaneClient client = client(server(TestSettings.defaults(), memory), TestSettings.defaults());
        long[] addresses = memory.allocate(2);
        List<MemorySegment> freed;
        try (Arena shortLived = Arena.ofConfined()) {
            freed = Blocks.random(shortLived, 2, 1024, 8);
        }

        DataPlaneException failure = assertThrows(DataPlaneException.class,
                () -> client.put(addresses, freed).block());

        assertTrue(failure.getMessage().contains("cannot send"), failure.getMessage());
        assertEquals(0, memory.openHandles());
    }
}
