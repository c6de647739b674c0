package io.memserve.mempool.service.index;

import io.memserve.kvblock.BlockKey;

/**
 * {@code memserve:holders:<key>}: the pools publishing a block key, as {@code "pool=TIER,pool=TIER"}. One string per
 * key so that a match reads a whole prompt's holders with one MGET; the scripts that change it share
 * {@code redis/holders.lua}.
 */
public final class HoldersKey {

    private HoldersKey() {
    }

    public static String of(BlockKey key) {
        return "memserve:holders:" + key.hex();
    }
}
