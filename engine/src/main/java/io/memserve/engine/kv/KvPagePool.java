package io.memserve.engine.kv;

import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A fixed number of KV pages in one off-heap allocation. A page holds {@link BlockLayout#TOKENS_PER_BLOCK} tokens of
 * every layer's K and V in exactly {@link BlockLayout} order, so a page and a MemPool block are the same bytes. Pages
 * are reference counted: a page shared by several sequences (a common prefix) is freed when the last one releases it.
 * Thread-safe.
 */
public final class KvPagePool implements AutoCloseable {

    private final BlockLayout layout;
    private final Arena arena;
    /** Each page's slice of the allocation, made once: the kernels ask for pages per key block in every step. */
    private final MemorySegment[] pages;
    private final int[] refCounts;
    private final int[] freeStack;
    private int freeCount;

    public KvPagePool(BlockLayout layout, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a KV page pool needs at least one page: " + capacity);
        }
        this.layout = layout;
        this.arena = Arena.ofShared();
        MemorySegment memory = arena.allocate(layout.bytes() * capacity, 64);
        this.pages = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) {
            pages[i] = memory.asSlice(i * layout.bytes(), layout.bytes());
        }
        this.refCounts = new int[capacity];
        this.freeStack = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeStack[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    public BlockLayout layout() {
        return layout;
    }

    public int capacity() {
        return refCounts.length;
    }

    public synchronized int freePages() {
        return freeCount;
    }

    /** A fresh page with one reference, its contents unspecified. */
    public synchronized int allocate() {
        if (freeCount == 0) {
            throw new KvPoolFullException("all " + capacity() + " KV pages are in use");
        }
        int page = freeStack[--freeCount];
        refCounts[page] = 1;
        return page;
    }

    public synchronized void retain(int page) {
        checkLive(page);
        refCounts[page]++;
    }

    public synchronized void release(int page) {
        checkLive(page);
        if (--refCounts[page] == 0) {
            freeStack[freeCount++] = page;
        }
    }

    public synchronized int refCount(int page) {
        checkId(page);
        return refCounts[page];
    }

    /** Allocates a page and fills it with a block that came from elsewhere, such as MemPool; one reference. */
    public int importPage(MemorySegment block) {
        if (block.byteSize() != layout.bytes()) {
            throw new IllegalArgumentException("a KV block of layout " + layout.id() + " has " + layout.bytes()
                    + " bytes, got " + block.byteSize());
        }
        int page = allocate();
        segment(page).copyFrom(block);
        return page;
    }

    /** A read-only view of a page, to copy out; it stays valid while the caller holds a reference. */
    public MemorySegment exportPage(int page) {
        synchronized (this) {
            checkLive(page);
        }
        return segment(page).asReadOnly();
    }

    /** The writable bytes of a page, for the backend. */
    public MemorySegment segment(int page) {
        checkId(page);
        return pages[page];
    }

    @Override
    public void close() {
        arena.close();
    }

    private void checkId(int page) {
        if (page < 0 || page >= refCounts.length) {
            throw new IllegalArgumentException("no KV page " + page + " in a pool of " + refCounts.length);
        }
    }

    private void checkLive(int page) {
        checkId(page);
        if (refCounts[page] == 0) {
            throw new IllegalStateException("KV page " + page + " is not allocated");
        }
    }
}
