package io.memserve.mempool.service.store;

/** The memory of one block in one tier. */
public interface TierMemory {

    long bytes();

    /** Gives the memory back to its tier; called once. */
    void release();
}
