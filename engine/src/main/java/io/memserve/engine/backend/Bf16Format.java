package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/** bfloat16 is the upper half of a float: widening is a shift (even elements) or a mask (odd elements). */
final class Bf16Format extends HalfWidthFormat {

    static final Bf16Format INSTANCE = new Bf16Format();

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bf16Format() {
        super(DType.BF16);
    }

    static FloatVector widen(IntVector pairs, int part) {
        return (part == 0 ? pairs.lanewise(VectorOperators.LSHL, 16) : pairs.and(0xFFFF0000)).reinterpretAsFloats();
    }

    @Override
    public float get(MemorySegment segment, long index) {
        return Float.intBitsToFloat(segment.getAtIndex(SHORT, index) << 16);
    }

    @Override
    public void put(MemorySegment segment, long index, float value) {
        segment.setAtIndex(SHORT, index, round(value));
    }

    static short round(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
