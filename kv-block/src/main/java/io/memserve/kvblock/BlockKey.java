package io.memserve.kvblock;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The content key of a KV block: 128 bits of a chained hash (see {@link BlockKeyChain}). Equal prefixes give equal
 * keys on every node, so any node can compute a prompt's keys without asking anyone.
 */
public record BlockKey(long hi, long lo) {

    public static final int BYTES = 16;

    /** Length of {@link #hex()}. */
    public static final int HEX_DIGITS = 2 * BYTES;

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** 32 lower-case hex digits. */
    public String hex() {
        byte[] digits = new byte[HEX_DIGITS];
        writeHex(digits, 0);
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@link #hex()}'s digits as ASCII into {@code into} from {@code at}: a match names hundreds of keys at once
     * (to Redis, in its answer), and digits written straight into bytes cost a fraction of formatting strings.
     */
    public void writeHex(byte[] into, int at) {
        writeHex(hi, into, at);
        writeHex(lo, into, at + BYTES);
    }

    private static void writeHex(long value, byte[] into, int at) {
        for (int i = BYTES - 1; i >= 0; i--) {
            into[at + i] = DIGITS[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    public static BlockKey parse(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("a block key is 32 hex digits: " + hex);
        }
        try {
            return new BlockKey(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a block key is 32 hex digits: " + hex, e);
        }
    }

    @Override
    public String toString() {
        return hex();
    }
}
