package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** bfloat16 is the upper half of a float, so widening is a shift of the 16 bits into the high half. */
final class Bf16Format extends ElementFormat {

    static final Bf16Format INSTANCE = new Bf16Format();

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Short> HALVES =
            ShortVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SPECIES.vectorShape());

    @Override
    FloatVector load(MemorySegment segment, long index) {
        ShortVector bits = ShortVector.fromMemorySegment(HALVES, segment, index * 2, ByteOrder.LITTLE_ENDIAN);
        return ((IntVector) bits.convertShape(VectorOperators.S2I, INTS, 0))
                .lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
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
