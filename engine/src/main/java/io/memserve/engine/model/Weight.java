package io.memserve.engine.model;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;

/** A weight matrix {@code [rows, cols]} in row-major order, read in place from the checkpoint's mapped file. */
public record Weight(String name, DType dtype, int rows, int cols, MemorySegment data) {

    public Weight {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": shape must be positive: [" + rows + ", " + cols + "]");
        }
        long expected = (long) rows * cols * dtype.bytes();
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException(name + ": " + data.byteSize() + " bytes for [" + rows + ", " + cols
                    + "] " + dtype + " (expected " + expected + ")");
        }
    }

    public long bytes() {
        return data.byteSize();
    }

    /** Multiply-adds of this matrix times one activation row. */
    public long multiplyAdds() {
        return (long) rows * cols;
    }
}
