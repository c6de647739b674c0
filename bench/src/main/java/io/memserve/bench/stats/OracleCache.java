package io.memserve.bench.stats;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;

/**
 * An infinite prefix cache that caches exactly as MemServe does: whole 16-token blocks under chained keys, and the
 * last prompt token always recomputed, so a prompt of n tokens can be served at most {@code floor((n - 1) / 16)}
 * blocks. Fed the requests in the order they were sent, it says how many prompt tokens any cache could have served.
 */
public final class OracleCache {
    private static final int BLOCK = BlockLayout.TOKENS_PER_BLOCK;

    private final BlockKeyChain chain = new BlockKeyChain("oracle", new BlockLayout(1, 1, 1, DType.F32));
    private final Set<BlockKey> cached = new HashSet<>();

    /** The prompt tokens of {@code prompt} that earlier {@link #remember}ed sequences cover. */
    public int servable(int[] prompt) {
        BlockKey[] keys = chain.keys(prompt, Math.max(0, prompt.length - 1) / BLOCK);
        int hit = 0;
        while (hit < keys.length && cached.contains(keys[hit])) {
            hit++;
        }
        return hit * BLOCK;
    }

    /** Makes every full block of {@code tokens} cached. */
    public void remember(int[] tokens) {
        Collections.addAll(cached, chain.keys(tokens));
    }
}
