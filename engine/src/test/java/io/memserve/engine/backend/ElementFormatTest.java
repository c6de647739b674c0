package io.memserve.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class ElementFormatTest {

    private static final int LANES = ElementFormat.SPECIES.length();

    @Test
    void f16VectorWideningMatchesTheJdkForEveryNumber() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment halves = arena.allocate(65536L * 2);
            for (int bits = 0; bits < 65536; bits++) {
                halves.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, bits, (short) bits);
            }
            float[] lanes = new float[LANES];
            for (int at = 0; at < 65536; at += LANES) {
                ElementFormat.of(DType.F16).load(halves, at).intoArray(lanes, 0);
                for (int i = 0; i < LANES; i++) {
                    float expected = Float.float16ToFloat((short) (at + i));
                    if (Float.isNaN(expected)) {
                        assertTrue(Float.isNaN(lanes[i]), "NaN payloads may differ, NaN-ness may not");
                        continue;
                    }
                    assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(lanes[i]),
                            "half 0x" + Integer.toHexString(at + i));
                }
            }
        }
    }

    @Test
    void bf16VectorWideningMatchesScalarReads() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(65536L * 2);
            for (int bits = 0; bits < 65536; bits++) {
                values.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, bits, (short) bits);
            }
            ElementFormat bf16 = ElementFormat.of(DType.BF16);
            float[] lanes = new float[LANES];
            for (int at = 0; at < 65536; at += LANES) {
                bf16.load(values, at).intoArray(lanes, 0);
                for (int i = 0; i < LANES; i++) {
                    assertEquals((at + i) << 16, Float.floatToRawIntBits(lanes[i]));
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
}
