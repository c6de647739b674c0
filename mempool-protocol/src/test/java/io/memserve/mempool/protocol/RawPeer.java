package io.memserve.mempool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A peer that speaks the wire format from docs/mempool-protocol.md byte by byte over a plain socket, written apart
 * from the implementation so that it checks the spec as much as the server, and free to break every rule.
 */
final class RawPeer implements AutoCloseable {

    static final int MAGIC = 0x4D534B56;
    static final int HELLO = 0x01;
    static final int CHALLENGE = 0x02;
    static final int AUTH = 0x03;
    static final int AUTH_OK = 0x04;
    static final int PUT = 0x10;
    static final int PUT_OK = 0x11;
    static final int GET = 0x12;
    static final int GET_DATA = 0x13;
    static final int ERROR = 0x7F;

    record Received(int opcode, int requestId, byte[] payload) {

        int errorCode() {
            return ByteBuffer.wrap(payload).getShort() & 0xFFFF;
        }

        String errorMessage() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A well-formed frame; the caller may corrupt any byte of it before sending. */
    static byte[] frame(int opcode, int requestId, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(24 + payload.length);
        frame.putInt(MAGIC).put((byte) 1).put((byte) opcode).putShort((short) 0).putInt(requestId)
                .putInt(payload.length).putInt(crc(payload, 0, payload.length));
        frame.putInt(crc(frame.array(), 0, 20));
        frame.put(payload);
        return frame.array();
    }

    /** Rewrites the header checksum after a test changed a header field on purpose. */
    static byte[] resealHeader(byte[] frame) {
        ByteBuffer.wrap(frame).putInt(20, crc(frame, 0, 20));
        return frame;
    }

    static byte[] blockTable(long[] addresses, int[] lengths) {
        ByteBuffer table = ByteBuffer.allocate(4 + 12 * addresses.length).putInt(addresses.length);
        for (int i = 0; i < addresses.length; i++) {
            table.putLong(addresses[i]).putInt(lengths[i]);
        }
        return table.array();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    Received read() throws IOException {
        byte[] header = new byte[24];
        in.readFully(header);
        ByteBuffer h = ByteBuffer.wrap(header);
        assertEquals(MAGIC, h.getInt(0), "magic");
        assertEquals(1, h.get(4), "version");
        assertEquals(crc(header, 0, 20), h.getInt(20), "header checksum");
        byte[] payload = new byte[h.getInt(12)];
        in.readFully(payload);
        assertEquals(crc(payload, 0, payload.length), h.getInt(16), "payload checksum");
        return new Received(h.get(5) & 0xFF, h.getInt(8), payload);
    }

    /** Reads the ERROR frame the server sends before it closes, and checks that it does close. */
    Received expectErrorAndClose(ErrorCode code) throws IOException {
        Received error = read();
        assertEquals(ERROR, error.opcode(), "opcode");
        assertEquals(0, error.requestId(), "a connection-level error carries request id 0");
        assertEquals(code.wireCode(), error.errorCode(), () -> "error code, message: " + error.errorMessage());
        expectClosed();
        return error;
    }

    void expectClosed() throws IOException {
        assertEquals(-1, readByteOrEnd(), "the server closes the connection");
    }

    private int readByteOrEnd() throws IOException {
        try {
            return in.read();
        } catch (SocketException | EOFException reset) {
            return -1;
        }
    }

    /** Runs the handshake with {@code secret}, and returns the AUTH_OK or ERROR that answered it. */
    Received handshake(byte[] secret) throws IOException {
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        byte[] hello = ByteBuffer.allocate(36).putInt(16 * 1024 * 1024).put(nonce).array();
        send(frame(HELLO, 0, hello));
        Received challenge = read();
        assertEquals(CHALLENGE, challenge.opcode());
        assertEquals(72, challenge.payload().length);
        byte[] transcript = ByteBuffer.allocate(36 + 40).put(hello).put(challenge.payload(), 0, 40).array();
        byte[] serverProof = new byte[32];
        System.arraycopy(challenge.payload(), 40, serverProof, 0, 32);
        if (Arrays.equals(secret, TestSettings.SECRET)) {
            assertArrayEquals(hmac(secret, "MSKV/1 server", transcript), serverProof, "server proof");
        }
        send(frame(AUTH, 0, hmac(secret, "MSKV/1 client", transcript)));
        return read();
    }

    private static byte[] hmac(byte[] secret, String label, byte[] transcript) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(label.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(transcript);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
