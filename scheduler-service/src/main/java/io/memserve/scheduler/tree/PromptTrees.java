package io.memserve.scheduler.tree;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;

/**
 * The prompt tree of every pool. An instance's prompt tree is its pool's: instances sharing a pool see the same
 * blocks, and KV events name pools, not instances. A cluster serves one model, so one tree per pool suffices; the
 * chain root of each (model, layout) is computed once to recognise first blocks.
 */
public final class PromptTrees {
    private final Map<String, PromptTree> byPool = new ConcurrentHashMap<>();
    private final Map<String, BlockKey> roots = new ConcurrentHashMap<>();
    private final Duration provisionalTtl;
    private final LongSupplier clockMs;

    public PromptTrees(Duration provisionalTtl, LongSupplier clockMs) {
        this.provisionalTtl = provisionalTtl;
        this.clockMs = clockMs;
    }

    public void apply(KvEvent event) {
        switch (event) {
            case KvEvent.Stored s -> tree(s.pool()).stored(s.key(), s.parent(),
                    s.parent().equals(root(s.model(), s.layout())), s.tokens());
            case KvEvent.Removed r -> {
                PromptTree tree = byPool.get(r.pool());
                if (tree != null) {
                    tree.removed(r.key());
                }
            }
        }
    }

    public int matchedTokens(String pool, int[] prompt) {
        PromptTree tree = byPool.get(pool);
        return tree == null ? 0 : tree.matchedTokens(prompt, clockMs.getAsLong());
    }

    /** The scheduler's own decision: {@code pool} is about to hold the prompt's full blocks. */
    public void routed(String pool, int[] prompt) {
        tree(pool).routed(prompt, clockMs.getAsLong() + provisionalTtl.toMillis());
    }

    public void expire() {
        long now = clockMs.getAsLong();
        byPool.values().forEach(tree -> tree.expire(now));
    }

    private PromptTree tree(String pool) {
        return byPool.computeIfAbsent(pool, p -> new PromptTree());
    }

    private BlockKey root(String model, String layout) {
        return roots.computeIfAbsent(model + "\n" + layout,
                k -> new BlockKeyChain(model, BlockLayout.parse(layout)).root());
    }
}
