package io.memserve.scheduler.tree;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;

/**
 * What one pool caches, as a radix tree over token ids whose edges are whole 16-token blocks (only full blocks are
 * cached, so finer edges would promise prefixes no pool can serve). A node is confirmed when a {@code stored} KV
 * event named its block key, or provisional when only the scheduler's own routing put it there: a provisional node
 * counts for matching until it expires, so requests that follow one another closely see the prefix the first one is
 * about to cache before its events arrive. Thread-safe: the event follower and request threads share it.
 */
public final class PromptTree {
    private static final int BLOCK = BlockLayout.TOKENS_PER_BLOCK;

    private final Node root = new Node(null, null);
    private final Map<BlockKey, Node> byKey = new HashMap<>();

    private static final class Node {
        final Node parent;
        final BlockTokens tokens;
        final Map<BlockTokens, Node> children = new HashMap<>();
        BlockKey key;
        long provisionalUntilMs;

        Node(Node parent, BlockTokens tokens) {
            this.parent = parent;
            this.tokens = tokens;
        }

        boolean usable(long nowMs) {
            return key != null || provisionalUntilMs > nowMs;
        }
    }

    /** The 16 token ids of one block, compared by value. */
    private record BlockTokens(int[] ids) {
        static BlockTokens of(int[] prompt, int offset) {
            return new BlockTokens(Arrays.copyOfRange(prompt, offset, offset + BLOCK));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockTokens other && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    /** How many leading tokens of {@code prompt} this pool holds, in whole blocks. */
    public synchronized int matchedTokens(int[] prompt, long nowMs) {
        Node node = root;
        int matched = 0;
        while (matched + BLOCK <= prompt.length) {
            Node child = node.children.get(BlockTokens.of(prompt, matched));
            if (child == null || !child.usable(nowMs)) {
                break;
            }
            node = child;
            matched += BLOCK;
        }
        return matched;
    }

    /**
     * Applies a {@code stored} event. {@code parentIsRoot} says the parent key is the chain's root; otherwise the
     * parent must be a confirmed node, and a block whose parent is unknown (its events were trimmed from the stream,
     * or it was removed meanwhile) cannot be placed and is ignored. Returns whether the block was placed.
     */
    public synchronized boolean stored(BlockKey key, BlockKey parentKey, boolean parentIsRoot, int[] tokens) {
        if (tokens.length != BLOCK) {
            throw new IllegalArgumentException("a block holds " + BLOCK + " tokens, got " + tokens.length);
        }
        Node parent = parentIsRoot ? root : byKey.get(parentKey);
        if (parent == null) {
            return false;
        }
        Node node = parent.children.computeIfAbsent(new BlockTokens(tokens.clone()), t -> new Node(parent, t));
        if (node.key != null && !node.key.equals(key)) {
            byKey.remove(node.key);
        }
        node.key = key;
        byKey.put(key, node);
        return true;
    }

    /** Applies a {@code removed} event: the block and everything after it leave the tree. */
    public synchronized void removed(BlockKey key) {
        Node node = byKey.get(key);
        if (node != null) {
            node.parent.children.remove(node.tokens);
            forget(node);
        }
    }

    /**
     * Records that the prompt's full blocks were just routed here: blocks the tree lacks become provisional until
     * {@code untilMs}, unless a {@code stored} event confirms them first.
     */
    public synchronized void routed(int[] prompt, long untilMs) {
        Node node = root;
        for (int offset = 0; offset + BLOCK <= prompt.length; offset += BLOCK) {
            Node parent = node;
            node = parent.children.computeIfAbsent(BlockTokens.of(prompt, offset), t -> new Node(parent, t));
            if (node.key == null) {
                node.provisionalUntilMs = Math.max(node.provisionalUntilMs, untilMs);
            }
        }
    }

    /** Drops provisional nodes that no event confirmed in time, with what hangs below them. */
    public synchronized void expire(long nowMs) {
        expireBelow(root, nowMs);
    }

    public synchronized int confirmedBlocks() {
        return byKey.size();
    }

    private void expireBelow(Node node, long nowMs) {
        node.children.values().removeIf(child -> {
            if (!child.usable(nowMs)) {
                forget(child);
                return true;
            }
            expireBelow(child, nowMs);
            return false;
        });
    }

    private void forget(Node node) {
        if (node.key != null) {
            byKey.remove(node.key);
        }
        node.children.values().forEach(this::forget);
    }
}
