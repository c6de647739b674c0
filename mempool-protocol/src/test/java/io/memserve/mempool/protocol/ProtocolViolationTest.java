package io.memserve.mempool.protocol;

import static io.memserve.mempool.protocol.Blocks.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input from a raw socket gets the right ERROR frame and a closed connection, and after each one
 * the server still serves a well-behaved client.
 */
class ProtocolViolationTest {

    private static final int BLOCK_BYTES = 1000;

    private static InMemoryBlockMemory memory;
    private static DataPlaneServer server;
    private static DataPlaneClient healthy;
    private static Arena arena;

    @BeforeAll
    static void start() {
        arena = Arena.ofShared();
        memory = new InMemoryBlockMemory(BLOCK_BYTES);
        server = DataPlaneServer.start(TestSettings.LOOPBACK, TestSettings.impatient(), memory);
        healthy = DataPlaneClient.connect("127.0.0.1", server.port(), TestSettings.defaults().withConnections(1, 4));
    }

    @AfterAll
    static void stop() {
        healthy.close();
        server.close();
        memory.close();
        arena.close();
    }

    @AfterEach
    void otherClientsAreStillServed() {
        long[] addresses = memory.allocate(3);
        List<MemorySegment> blocks = Blocks.random(arena, 3, BLOCK_BYTES, addresses[0]);
        List<MemorySegment> read = Blocks.empty(arena, 3, BLOCK_BYTES);
        healthy.put(addresses, blocks).then(healthy.get(addresses, read)).block();
        assertSameBytes(blocks, read);
    }

    private static RawPeer authenticated() throws IOException {
        RawPeer peer = new RawPeer(server.port());
        assertEquals(RawPeer.AUTH_OK, peer.handshake(TestSettings.SECRET).opcode());
        return peer;
    }

    private static byte[] putFrame(int requestId, long address, byte[] bytes) {
        byte[] table = RawPeer.blockTable(new long[] {address}, new int[] {bytes.length});
        byte[] payload = Arrays.copyOf(table, table.length + bytes.length);
        System.arraycopy(bytes, 0, payload, table.length, bytes.length);
        return RawPeer.frame(RawPeer.PUT, requestId, payload);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[BLOCK_BYTES];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void badMagic() throws IOException {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send("GET / HTTP/1.1\r\nHost: mempool\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            peer.expectErrorAndClose(ErrorCode.BAD_MAGIC);
        }
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] hello = RawPeer.frame(RawPeer.HELLO, 0, new byte[36]);
        hello[4] = 2;
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.resealHeader(hello));
            peer.expectErrorAndClose(ErrorCode.UNSUPPORTED_VERSION);
        }
    }

    @Test
    void dataBeforeTheHandshake() throws IOException {
        long address = memory.allocate(1)[0];
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(putFrame(1, address, filled(7)));
            peer.expectErrorAndClose(ErrorCode.NOT_AUTHENTICATED);
        }
        assertEquals(-1L, memory.bytesOf(address).mismatch(MemorySegment.ofArray(new byte[BLOCK_BYTES])));
    }

    @Test
    void wrongSecret() throws IOException {
        try (RawPeer peer = new RawPeer(server.port())) {
            RawPeer.Received answer = peer.handshake("not-the-cluster-secret!".getBytes(StandardCharsets.UTF_8));
            assertEquals(RawPeer.ERROR, answer.opcode());
            assertEquals(ErrorCode.AUTH_FAILED.wireCode(), answer.errorCode());
            peer.expectClosed();
        }
    }

    @Test
    void noHandshakeInTime() throws IOException {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.expectErrorAndClose(ErrorCode.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void badHeaderChecksum() throws IOException {
        byte[] frame = putFrame(1, memory.allocate(1)[0], filled(1));
        frame[9] ^= 0x40;
        try (RawPeer peer = authenticated()) {
            peer.send(frame);
            peer.expectErrorAndClose(ErrorCode.BAD_CHECKSUM);
        }
    }

    @Test
    void badPayloadChecksumWritesNothing() throws IOException {
        long address = memory.allocate(1)[0];
        byte[] frame = putFrame(1, address, filled(9));
        frame[frame.length - 1] ^= 1;
        try (RawPeer peer = authenticated()) {
            peer.send(frame);
            peer.expectErrorAndClose(ErrorCode.BAD_CHECKSUM);
        }
        assertEquals(-1L, memory.bytesOf(address).mismatch(MemorySegment.ofArray(new byte[BLOCK_BYTES])));
    }

    @Test
    void oversizedLengthIsRefusedBeforeThePayloadArrives() throws IOException {
        byte[] header = Arrays.copyOf(putFrame(1, memory.allocate(1)[0], filled(2)), 24);
        ByteBuffer.wrap(header).putInt(12, Integer.MAX_VALUE);
        try (RawPeer peer = authenticated()) {
            peer.send(RawPeer.resealHeader(header));
            peer.expectErrorAndClose(ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void oversizedFrameBeforeTheHandshake() throws IOException {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.send(RawPeer.frame(RawPeer.HELLO, 0, new byte[4096]));
            peer.expectErrorAndClose(ErrorCode.FRAME_TOO_LARGE);
        }
    }

    @Test
    void unknownOpcode() throws IOException {
        try (RawPeer peer = authenticated()) {
            peer.send(RawPeer.frame(0x55, 1, new byte[8]));
            peer.expectErrorAndClose(ErrorCode.UNKNOWN_OPCODE);
        }
    }

    @Test
    void connectionClosedMidFrame() throws IOException {
        byte[] frame = putFrame(1, memory.allocate(1)[0], filled(3));
        try (RawPeer peer = authenticated()) {
            peer.send(Arrays.copyOf(frame, frame.length / 2));
            peer.shutdownOutput();
            peer.expectErrorAndClose(ErrorCode.TRUNCATED);
        }
    }

    @Test
    void lengthPromisingMoreThanIsSent() throws IOException {
        byte[] frame = putFrame(1, memory.allocate(1)[0], filled(4));
        try (RawPeer peer = authenticated()) {
            peer.send(Arrays.copyOf(frame, frame.length - 10));
            peer.expectErrorAndClose(ErrorCode.TRUNCATED);
        }
    }

    @Test
    void requestErrorsLeaveTheConnectionInSync() throws IOException {
        long address = memory.allocate(1)[0];
        byte[] bytes = filled(5);
        try (RawPeer peer = authenticated()) {
            peer.send(RawPeer.frame(RawPeer.GET, 7, RawPeer.blockTable(new long[] {0xdeadL}, new int[] {BLOCK_BYTES})));
            peer.send(RawPeer.frame(RawPeer.PUT, 8, new byte[] {0, 0, 0, 0}));
            peer.send(putFrame(9, address, bytes));
            peer.send(RawPeer.frame(RawPeer.GET, 10, RawPeer.blockTable(new long[] {address}, new int[] {BLOCK_BYTES})));

            RawPeer.Received unallocated = peer.read();
            RawPeer.Received emptyTable = peer.read();
            RawPeer.Received stored = peer.read();
            RawPeer.Received data = peer.read();

            assertEquals(List.of(RawPeer.ERROR, 7, ErrorCode.BLOCK_ACCESS.wireCode()),
                    List.of(unallocated.opcode(), unallocated.requestId(), unallocated.errorCode()));
            assertEquals(List.of(RawPeer.ERROR, 8, ErrorCode.MALFORMED.wireCode()),
                    List.of(emptyTable.opcode(), emptyTable.requestId(), emptyTable.errorCode()));
            assertEquals(List.of(RawPeer.PUT_OK, 9, 0), List.of(stored.opcode(), stored.requestId(),
                    stored.payload().length));
            assertEquals(List.of(RawPeer.GET_DATA, 10), List.of(data.opcode(), data.requestId()));
            assertArrayEquals(bytes, data.payload());
            assertArrayEquals(bytes, memory.bytesOf(address).toArray(ValueLayout.JAVA_BYTE));
        }
    }
}
