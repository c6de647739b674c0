package io.memserve.engine.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

final class F32Format extends ElementFormat {

    static final F32Format INSTANCE = new F32Format();

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Override
    FloatVector load(MemorySegment segment, long index) {
        return FloatVector.fromMemorySegment(SPECIES, segment, index * Float.BYTES, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public float get(MemorySegment segment, long index) {
        return segment.getAtIndex(FLOAT, index);
    }

    @Override
    public void put(MemorySegment segment, long index, float value) {
        segment.setAtIndex(FLOAT, index, value);
    }
}
