package io.memserve.kvblock;

import java.util.HexFormat;

/**
 * The content key of a KV block: 128 bits of a chained hash (see {@link BlockKeyChain}). Equal prefixes give equal
 * keys on every node, so any node can compute a prompt's keys without asking anyone.
 */
public record BlockKey(long hi, long lo) {

    public static final int BYTES = 16;

    /** 32 lower-case hex digits. */
    public String hex() {
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
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
