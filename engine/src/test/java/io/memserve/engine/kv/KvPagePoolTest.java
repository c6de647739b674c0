package io.memserve.engine.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class KvPagePoolTest {

    private static final BlockLayout LAYOUT = new BlockLayout(2, 2, 8, DType.BF16);

    @Test
    void pagesAreReferenceCountedAndReusedOnlyWhenFree() {
        try (KvPagePool pool = new KvPagePool(LAYOUT, 2)) {
            int a = pool.allocate();
            int b = pool.allocate();
            assertEquals(0, pool.freePages());
            assertThrows(KvPoolFullException.class, pool::allocate);
            pool.retain(a);
            pool.release(a);
            assertEquals(1, pool.refCount(a));
            assertThrows(KvPoolFullException.class, pool::allocate);
            pool.release(a);
            assertEquals(1, pool.freePages());
            assertEquals(a, pool.allocate());
            pool.release(b);
            assertThrows(IllegalStateException.class, () -> pool.release(b));
            assertThrows(IllegalStateException.class, () -> pool.retain(b));
            assertThrows(IllegalArgumentException.class, () -> pool.release(7));
        }
    }

    @Test
    void importedBlocksExportAsTheSameBytesReadOnly() {
        try (KvPagePool pool = new KvPagePool(LAYOUT, 3); Arena arena = Arena.ofConfined()) {
            MemorySegment block = arena.allocate(LAYOUT.bytes());
            for (long i = 0; i < block.byteSize(); i++) {
                block.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
            }
            int page = pool.importPage(block);
            MemorySegment exported = pool.exportPage(page);
            assertTrue(exported.isReadOnly());
            assertEquals(-1L, exported.mismatch(block));
            assertThrows(IllegalArgumentException.class, () -> pool.importPage(arena.allocate(LAYOUT.bytes() - 2)));
            assertEquals(2, pool.freePages(), "a rejected import takes no page");
        }
    }

    @Test
    void blockTableGivesBackWhatItTookWhenThePoolRunsOut() {
        try (KvPagePool pool = new KvPagePool(LAYOUT, 3)) {
            BlockTable table = new BlockTable(pool);
            table.ensureCapacity(17);
            assertEquals(2, table.size());
            assertThrows(KvPoolFullException.class, () -> table.ensureCapacity(16 * 5));
            assertEquals(2, table.size());
            assertEquals(1, pool.freePages());
            table.releaseAll();
            assertEquals(3, pool.freePages());
        }
    }
}
