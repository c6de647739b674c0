package io.memserve.mempool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Off-heap test blocks filled with reproducible bytes. */
final class Blocks {

    private Blocks() {
    }

    static List<MemorySegment> random(Arena arena, int count, int bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<MemorySegment> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            MemorySegment block = arena.allocate(bytes);
            for (long at = 0; at + 8 <= bytes; at += 8) {
                block.set(ValueLayout.JAVA_LONG_UNALIGNED, at, random.nextLong());
            }
            for (long at = bytes & ~7L; at < bytes; at++) {
                block.set(ValueLayout.JAVA_BYTE, at, (byte) random.nextInt());
            }
            blocks.add(block);
        }
        return blocks;
    }

    static List<MemorySegment> empty(Arena arena, int count, int bytes) {
        List<MemorySegment> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(arena.allocate(bytes));
        }
        return blocks;
    }

    static void assertSameBytes(List<MemorySegment> expected, List<MemorySegment> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(-1L, expected.get(i).mismatch(actual.get(i)), "block " + i + " differs at this offset");
        }
    }
}
