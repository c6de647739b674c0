package io.memserve.engine.kv;

import io.memserve.kvblock.BlockLayout;
import java.util.Arrays;

/** The pages of one sequence, in token order: token t lives in page {@code page(t / 16)} at slot {@code t % 16}. */
public final class BlockTable {

    private final KvPagePool pool;
    private int[] pages = new int[4];
    private int size;

    public BlockTable(KvPagePool pool) {
        this.pool = pool;
    }

    public KvPagePool pool() {
        return pool;
    }

    public int size() {
        return size;
    }

    public int page(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("page " + index + " of a block table of " + size);
        }
        return pages[index];
    }

    /** The page ids, for kernels: valid up to {@link #size()}, and only until the table changes. */
    public int[] pageIds() {
        return pages;
    }

    /** Appends a page the caller already holds a reference to; the table takes another. */
    public void appendShared(int page) {
        pool.retain(page);
        push(page);
    }

    /** Pages needed to hold {@code tokens} tokens that are not allocated yet. */
    public int missingPages(int tokens) {
        return Math.max(0, pagesFor(tokens) - size);
    }

    /** Allocates pages until {@code tokens} tokens fit; on failure, frees what it took and throws. */
    public void ensureCapacity(int tokens) {
        int before = size;
        try {
            while (size < pagesFor(tokens)) {
                push(pool.allocate());
            }
        } catch (KvPoolFullException e) {
            truncate(before);
            throw e;
        }
    }

    /** Releases the pages from {@code keep} on. */
    public void truncate(int keep) {
        while (size > keep) {
            pool.release(pages[--size]);
        }
    }

    public void releaseAll() {
        truncate(0);
    }

    static int pagesFor(int tokens) {
        return (tokens + BlockLayout.TOKENS_PER_BLOCK - 1) / BlockLayout.TOKENS_PER_BLOCK;
    }

    private void push(int page) {
        if (size == pages.length) {
            pages = Arrays.copyOf(pages, size * 2);
        }
        pages[size++] = page;
    }
}
