package io.memserve.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElementFormatTest {

    private static final int LANES = ElementFormat.LANES;
    private static final int BLOCK = ElementFormat.BLOCK;

    @Test
    void f16BlockWideningMatchesTheJdkForEveryNumber() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment halves = arena.allocate(65536L * 2);
            for (int bits = 0; bits < 65536; bits++) {
                halves.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, bits, (short) bits);
            }
            float[] block = new float[BLOCK];
            float[] widened = new float[BLOCK];
            ElementFormat f16 = ElementFormat.of(DType.F16);
            for (int at = 0; at < 65536; at += BLOCK) {
                f16.loadPart(halves, at, 0).intoArray(block, 0);
                f16.loadPart(halves, at, 1).intoArray(block, LANES);
                f16.restore(block, 0, widened, 0, BLOCK);
                for (int i = 0; i < BLOCK; i++) {
                    float expected = Float.float16ToFloat((short) (at + i));
                    if (Float.isNaN(expected)) {
                        assertTrue(Float.isNaN(widened[i]), "NaN payloads may differ, NaN-ness may not");
                        continue;
                    }
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(widened[i]),
                            "half 0x" + Integer.toHexString(at + i));
                }
            }
        }
    }

    @Test
    void bf16BlockWideningMatchesScalarReads() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(65536L * 2);
            for (int bits = 0; bits < 65536; bits++) {
                values.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, bits, (short) bits);
            }
            ElementFormat bf16 = ElementFormat.of(DType.BF16);
            float[] block = new float[BLOCK];
            float[] widened = new float[BLOCK];
            for (int at = 0; at < 65536; at += BLOCK) {
                bf16.loadPart(values, at, 0).intoArray(block, 0);
                bf16.loadPart(values, at, 1).intoArray(block, LANES);
                bf16.restore(block, 0, widened, 0, BLOCK);
                for (int i = 0; i < BLOCK; i++) {
                    assertEquals((at + i) << 16, Float.floatToRawIntBits(widened[i]));
                    assertEquals((at + i) << 16, Float.floatToRawIntBits(bf16.get(values, at + i)));
                }
            }
        }
    }

    @Test
    void narrowStoresRoundToNearestEven() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cell = arena.allocate(4);
            ElementFormat bf16 = ElementFormat.of(DType.BF16);
            bf16.put(cell, 0, Float.intBitsToFloat(0x3F808000));
            assertEquals(Float.intBitsToFloat(0x3F800000), bf16.get(cell, 0), "a tie rounds to the even neighbour");
            bf16.put(cell, 0, Float.intBitsToFloat(0x3F818000));
            assertEquals(Float.intBitsToFloat(0x3F820000), bf16.get(cell, 0), "a tie rounds to the even neighbour");
            bf16.put(cell, 0, Float.intBitsToFloat(0x3F808001));
            assertEquals(Float.intBitsToFloat(0x3F810000), bf16.get(cell, 0), "above the tie rounds up");
            ElementFormat f16 = ElementFormat.of(DType.F16);
            f16.put(cell, 0, 1.0009765625f + 0.00048828125f);
            assertEquals(1.001953125f, f16.get(cell, 0));
        }
    }

    @Test
    void arrangeAndRestoreAreInverses() {
        float[] row = new float[2 * BLOCK + 5];
        for (int i = 0; i < row.length; i++) {
            row[i] = i;
        }
        for (DType dtype : DType.values()) {
            ElementFormat f = ElementFormat.of(dtype);
            float[] arranged = new float[row.length];
            float[] back = new float[row.length];
            f.arrange(row, 0, arranged, 0, row.length);
            f.restore(arranged, 0, back, 0, row.length);
            assertEquals(Arrays.toString(row), Arrays.toString(back), dtype.name());
        }
    }
}
