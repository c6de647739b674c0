package io.memserve.engine;

import io.memserve.engine.kv.BlockTable;
import io.memserve.engine.kv.KvPagePool;
import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One sequence's state in the engine: the tokens whose K and V are in its pages, and those pages. Created by
 * {@link Engine#newSequence()}, advanced by {@link Engine#step}, and closed to give its pages back. Not thread-safe.
 */
public final class Sequence implements AutoCloseable {

    private static final int T = BlockLayout.TOKENS_PER_BLOCK;

    private final BlockTable table;
    private int[] tokens = new int[64];
    private int length;
    private boolean closed;

    Sequence(KvPagePool pool) {
        this.table = new BlockTable(pool);
    }

    /** Tokens whose KV is cached: the next token goes at this position. */
    public int length() {
        return length;
    }

    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** Pages that hold 16 tokens each; only these can be exported, shared or keyed. */
    public int fullPages() {
        return length / T;
    }

    /** The pool page id of page {@code index} of this sequence. */
    public int pageId(int index) {
        return table.page(index);
    }

    /**
     * Starts an empty sequence from pages that already hold the KV of {@code prefixTokens}, one full page per 16 tokens
     * (imported from MemPool, or the full pages of another sequence). The sequence takes its own reference to each page.
     */
    public void attachPrefix(int[] pageIds, int[] prefixTokens) {
        checkOpen();
        if (length != 0) {
            throw new IllegalStateException("a prefix can only start an empty sequence; this one has " + length
                    + " tokens");
        }
        if (prefixTokens.length != pageIds.length * T) {
            throw new IllegalArgumentException(pageIds.length + " pages hold " + pageIds.length * T
                    + " tokens, got " + prefixTokens.length);
        }
        try {
            for (int page : pageIds) {
                table.appendShared(page);
            }
        } catch (RuntimeException e) {
            table.truncate(0);
            throw e;
        }
        append(prefixTokens, 0, prefixTokens.length);
    }

    /** A read-only view of full page {@code index}, valid while this sequence is open. */
    public MemorySegment exportPage(int index) {
        checkOpen();
        if (index < 0 || index >= fullPages()) {
            throw new IllegalArgumentException("page " + index + " is not a full page (the sequence has "
                    + fullPages() + ")");
        }
        return table.pool().exportPage(table.page(index));
    }

    /** The chained keys of the full pages, under which MemPool stores them. */
    public BlockKey[] pageKeys(BlockKeyChain chain) {
        return chain.keys(tokens(), fullPages());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            table.releaseAll();
        }
    }

    boolean isClosed() {
        return closed;
    }

    BlockTable table() {
        return table;
    }

    void append(int[] newTokens, int from, int count) {
        if (length + count > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length + count));
        }
        System.arraycopy(newTokens, from, tokens, length, count);
        length += count;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("sequence is closed");
        }
    }
}
