package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * IEEE half precision. Widening in registers: the exponent and mantissa bits shifted into float position and scaled by
 * 2^112 (exact for normal and subnormal halves alike), infinities and NaNs given the float's all-ones exponent, then
 * the sign put back.
 */
final class F16Format extends HalfWidthFormat {

    static final F16Format INSTANCE = new F16Format();

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final float REBIAS = 0x1p112f;

    private F16Format() {
        super(DType.F16);
    }

    static FloatVector widen(IntVector pairs, int part) {
        IntVector bits = part == 0 ? pairs.and(0xFFFF) : pairs.lanewise(VectorOperators.LSHR, 16);
        IntVector magnitude = bits.and(0x7FFF);
        IntVector sign = bits.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
        FloatVector scaled = shifted.reinterpretAsFloats().mul(REBIAS);
        VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
        IntVector widened = scaled.reinterpretAsInts().blend(shifted.or(0x7F800000), special);
        return widened.or(sign).reinterpretAsFloats();
    }

    @Override
    public float get(MemorySegment segment, long index) {
        return Float.float16ToFloat(segment.getAtIndex(SHORT, index));
    }

    @Override
    public void put(MemorySegment segment, long index, float value) {
        segment.setAtIndex(SHORT, index, Float.floatToFloat16(value));
    }
}
