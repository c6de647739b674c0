package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual challenge-response of a new connection (docs/mempool-protocol.md, "Handshake"). Each side proves it
 * holds the cluster secret with an HMAC-SHA256 over both nonces and both sides' limits, labelled by role so one
 * side's proof can never be replayed as the other's. The secret itself never leaves the process.
 */
final class Handshake {

    static final int NONCE_BYTES = 32;
    static final int PROOF_BYTES = 32;
    /** u32 max frame bytes, nonce. */
    static final int HELLO_BYTES = 4 + NONCE_BYTES;
    /** u32 max frame bytes, u32 max in flight, nonce, proof. */
    static final int CHALLENGE_BYTES = 4 + 4 + NONCE_BYTES + PROOF_BYTES;

    private static final byte[] SERVER_LABEL = "MSKV/1 server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIENT_LABEL = "MSKV/1 client".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    Handshake(byte[] clusterSecret) {
        this.key = new SecretKeySpec(clusterSecret, "HmacSHA256");
    }

    static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** What both proofs cover: the HELLO payload and the CHALLENGE payload up to its proof. */
    static byte[] transcript(byte[] hello, byte[] challengeWithoutProof) {
        byte[] transcript = new byte[hello.length + challengeWithoutProof.length];
        System.arraycopy(hello, 0, transcript, 0, hello.length);
        System.arraycopy(challengeWithoutProof, 0, transcript, hello.length, challengeWithoutProof.length);
        return transcript;
    }

    byte[] serverProof(byte[] transcript) {
        return mac(SERVER_LABEL, transcript);
    }

    byte[] clientProof(byte[] transcript) {
        return mac(CLIENT_LABEL, transcript);
    }

    static boolean matches(byte[] expected, byte[] received) {
        return MessageDigest.isEqual(expected, received);
    }

    static byte[] hello(int maxFrameBytes, byte[] clientNonce) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.heapBuffer(HELLO_BYTES);
        try {
            buf.writeInt(maxFrameBytes).writeBytes(clientNonce);
            return bytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] challengeWithoutProof(int maxFrameBytes, int maxInFlight, byte[] serverNonce) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.heapBuffer(CHALLENGE_BYTES - PROOF_BYTES);
        try {
            buf.writeInt(maxFrameBytes).writeInt(maxInFlight).writeBytes(serverNonce);
            return bytes(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] bytes(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    private byte[] mac(byte[] label, byte[] transcript) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label);
            return mac.doFinal(transcript);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
