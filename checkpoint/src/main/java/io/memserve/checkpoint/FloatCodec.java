package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads and writes single elements of little-endian F32, BF16 and F16 data as floats. Meant for tests, generators and
 * small tensors; kernels read the segments with their own vector loads.
 */
public final class FloatCodec {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private FloatCodec() {
    }

    public static float read(MemorySegment data, DType dtype, long index) {
        return switch (dtype) {
            case F32 -> data.getAtIndex(F32, index);
            case BF16 -> bf16ToFloat(data.getAtIndex(HALF, index));
            case F16 -> Float.float16ToFloat(data.getAtIndex(HALF, index));
        };
    }

    /** Stores {@code value} rounded to the nearest {@code dtype} value (ties to even). */
    public static void write(MemorySegment data, DType dtype, long index, float value) {
        switch (dtype) {
            case F32 -> data.setAtIndex(F32, index, value);
            case BF16 -> data.setAtIndex(HALF, index, floatToBf16(value));
            case F16 -> data.setAtIndex(HALF, index, Float.floatToFloat16(value));
        }
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            // Keep it a NaN: truncation could clear every mantissa bit left and turn it into an infinity.
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
