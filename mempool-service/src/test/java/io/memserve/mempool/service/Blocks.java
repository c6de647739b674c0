package io.memserve.mempool.service;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test blocks whose bytes follow from their key, so any reader can tell whether it got what was written under it. */
final class Blocks {

    private Blocks() {
    }

    static int[] tokens(long seed, int count) {
        return new SplittableRandom(seed).ints(count, 0, 32000).toArray();
    }

    static List<MemorySegment> contentOf(BlockKey[] keys, BlockLayout layout, Arena arena) {
        List<MemorySegment> blocks = new ArrayList<>();
        for (BlockKey key : keys) {
            MemorySegment block = arena.allocate(layout.bytes(), 8);
            SplittableRandom random = new SplittableRandom(key.hi() ^ key.lo());
            for (long i = 0; i < block.byteSize(); i += 8) {
                block.set(ValueLayout.JAVA_LONG, i, random.nextLong());
            }
            blocks.add(block);
        }
        return blocks;
    }

    static List<MemorySegment> empty(int count, BlockLayout layout, Arena arena) {
        List<MemorySegment> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(arena.allocate(layout.bytes(), 8));
        }
        return blocks;
    }

    /** Whether {@code block} holds exactly what {@link #contentOf} writes under {@code key}. */
    static boolean holds(MemorySegment block, BlockKey key, BlockLayout layout, Arena arena) {
        return block.mismatch(contentOf(new BlockKey[] {key}, layout, arena).getFirst()) == -1;
    }

    static BlockKey[] keys(String model, BlockLayout layout, int[] tokens) {
        return new BlockKeyChain(model, layout).keys(tokens);
    }
}
