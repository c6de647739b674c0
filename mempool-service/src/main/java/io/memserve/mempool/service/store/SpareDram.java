package io.memserve.mempool.service.store;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Block-sized host memory between uses. A data-plane write receives a block's new bytes into spare memory, which
 * becomes the block's when the write is verified, and the block's old memory becomes spare: no copy, and a write
 * that fails leaves the block as it was. Up to {@link #RETAINED_BYTES} are kept, mapped and warm, for the next
 * writes; the rest goes back to the allocator. Spare memory is not part of a tier's capacity. Not thread-safe: used
 * under the block store's lock.
 */
final class SpareDram {

    static final long RETAINED_BYTES = 64L << 20;

    private final DramTier tier;
    private final Map<Long, ArrayDeque<DramTier.DramMemory>> bySize = new HashMap<>();
    private long retained;

    SpareDram(DramTier tier) {
        this.tier = tier;
    }

    DramTier.DramMemory take(long bytes) {
        ArrayDeque<DramTier.DramMemory> free = bySize.get(bytes);
        if (free == null || free.isEmpty()) {
            return tier.allocate(bytes);
        }
        retained -= bytes;
        return free.pop();
    }

    void give(DramTier.DramMemory memory) {
        if (retained + memory.bytes() > RETAINED_BYTES) {
            memory.release();
            return;
        }
        retained += memory.bytes();
        bySize.computeIfAbsent(memory.bytes(), bytes -> new ArrayDeque<>()).push(memory);
    }

    void close() {
        bySize.values().forEach(free -> free.forEach(DramTier.DramMemory::release));
        bySize.clear();
        retained = 0;
    }
}
