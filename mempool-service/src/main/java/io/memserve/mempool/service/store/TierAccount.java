package io.memserve.mempool.service.store;

import io.memserve.mempool.service.model.Block;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * One tier's capacity, the bytes its blocks take, and its evictable blocks (published, unpinned) from least to most
 * recently used. Not thread-safe: used under the block store's lock.
 */
final class TierAccount {

    private final Tier tier;
    private long capacityBytes;
    private long usedBytes;
    private final SequencedSet<Block> evictable = new LinkedHashSet<>();

    TierAccount(Tier tier, long capacityBytes) {
        this.tier = tier;
        this.capacityBytes = capacityBytes;
    }

    Tier tier() {
        return tier;
    }

    long capacityBytes() {
        return capacityBytes;
    }

    void capacityBytes(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    long usedBytes() {
        return usedBytes;
    }

    TierUsage usage() {
        return new TierUsage(tier.name(), capacityBytes, usedBytes);
    }

    void charge(long bytes) {
        usedBytes += bytes;
    }

    void credit(long bytes) {
        usedBytes -= bytes;
    }

    /** Marks the block most recently used (and evictable); callers add only published, unpinned blocks. */
    void touch(Block block) {
        evictable.remove(block);
        evictable.addLast(block);
    }

    void notEvictable(Block block) {
        evictable.remove(block);
    }

    /** The least recently used evictable block that no cached block extends, or null. */
    Block victim(LocalIndex index) {
        for (Block block : evictable) {
            if (index.leaf(block)) {
                return block;
            }
        }
        return null;
    }

    /** The least recently used evictable blocks, oldest first. */
    Iterator<Block> oldestFirst() {
        return evictable.iterator();
    }
}
