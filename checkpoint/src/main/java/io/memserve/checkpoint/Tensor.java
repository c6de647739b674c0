package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One named weight: its element type, its shape (row-major, outermost first) and its little-endian bytes. The data
 * is a read-only view of the memory-mapped file, valid until the {@link Checkpoint} is closed; it is never copied onto
 * the heap.
 */
public record Tensor(String name, DType dtype, long[] shape, MemorySegment data) {

    public Tensor {
        shape = shape.clone();
        long expected = Shapes.bytes(shape, dtype);
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " " + dtype
                    + " needs " + expected + " bytes, got " + data.byteSize());
        }
        data = data.isReadOnly() ? data : data.asReadOnly();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public long elements() {
        return Shapes.elements(shape);
    }

    /** Element {@code index} of the flattened tensor, widened to float. */
    public float getFloat(long index) {
        return FloatCodec.read(data, dtype, index);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + dtype + " " + Arrays.toString(shape) + "]";
    }
}
