package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * IEEE half precision. Widening in registers: the exponent and mantissa bits shifted into float position and scaled by
 * 2^112 (exact for normal and subnormal halves alike), infinities and NaNs given the float's all-ones exponent, then
 * the sign put back.
 */
final class F16Format extends ElementFormat {

    static final F16Format INSTANCE = new F16Format();

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Short> HALVES =
            ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SPECIES.vectorShape());
    private static final float REBIAS = 0x1p112f;

    @Override
    FloatVector load(MemorySegment segment, long index) {
        ShortVector raw = ShortVector.fromMemorySegment(HALVES, segment, index * 2, ByteOrder.LITTLE_ENDIAN);
        IntVector bits = (IntVector) raw.convertShape(VectorOperators.S2I, INTS, 0);
        IntVector magnitude = bits.and(0x7FFF);
        IntVector sign = bits.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        FloatVector scaled = magnitude.lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(REBIAS);
        VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7C00);
        IntVector widened = scaled.reinterpretAsInts().blend(magnitude.lanewise(VectorOperators.LSHL, 13).or(0x7F800000),
                special);
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
