package io.memserve.decode.batch;

import io.memserve.kvblock.BlockLayout;

/**
 * Reserves engine KV pages for whole requests before they start, so a running sequence never runs out of pages in
 * the middle of its generation: a request waits until everything it could need is free.
 */
public final class PageBudget {

    private final int capacity;
    private int reserved;

    public PageBudget(int capacity) {
        this.capacity = capacity;
    }

    /** Pages for a sequence that may reach {@code tokens} tokens. */
    public static int pagesFor(int tokens) {
        return Math.ceilDiv(tokens, BlockLayout.TOKENS_PER_BLOCK);
    }

    public int capacity() {
        return capacity;
    }

    public boolean fitsEver(int pages) {
        return pages <= capacity;
    }

    public synchronized boolean tryReserve(int pages) {
        if (reserved + pages > capacity) {
            return false;
        }
        reserved += pages;
        return true;
    }

    public synchronized void release(int pages) {
        if (pages > reserved) {
            throw new IllegalStateException("releasing " + pages + " pages, only " + reserved + " are reserved");
        }
        reserved -= pages;
    }

    public synchronized int reserved() {
        return reserved;
    }
}
