package io.memserve.mempool.service.index;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.api.MemPoolRedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code memserve:holders:<key>}: the pools publishing a block key, as {@code "pool=TIER,pool=TIER"}. One string per
 * key so that a match reads a whole prompt's holders with one MGET; the scripts that change it share
 * {@code redis/holders.lua}. The name's prefix is {@link MemPoolRedisKeys#HOLDERS_PREFIX}.
 */
public final class HoldersKey {

    private static final byte[] PREFIX = MemPoolRedisKeys.HOLDERS_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private HoldersKey() {
    }

    public static String of(BlockKey key) {
        return new String(bytes(key), StandardCharsets.US_ASCII);
    }

    /** The key's name as Redis gets it, built without an intermediate string: a match names 128 or more at once. */
    static byte[] bytes(BlockKey key) {
        byte[] name = Arrays.copyOf(PREFIX, PREFIX.length + BlockKey.HEX_DIGITS);
        key.writeHex(name, PREFIX.length);
        return name;
    }
}
