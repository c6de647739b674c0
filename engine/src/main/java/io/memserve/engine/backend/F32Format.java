package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

final class F32Format extends ElementFormat {

    static final F32Format INSTANCE = new F32Format();

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private F32Format() {
        super(DType.F32);
    }

    static FloatVector load(MemorySegment segment, long index, int part) {
        return FloatVector.fromMemorySegment(SPECIES, segment, (index + (long) part * LANES) * Float.BYTES,
                ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    void arrange(float[] src, int srcAt, float[] dst, int dstAt, int n) {
        System.arraycopy(src, srcAt, dst, dstAt, n);
    }

    @Override
    void restore(float[] src, int srcAt, float[] dst, int dstAt, int n) {
        System.arraycopy(src, srcAt, dst, dstAt, n);
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
