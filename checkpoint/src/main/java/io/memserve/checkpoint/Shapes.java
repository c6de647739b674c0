package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.util.Arrays;

/** Element counts of tensor shapes, refusing shapes whose size does not fit a long. */
final class Shapes {

    private Shapes() {
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements", e);
            }
        }
        return n;
    }

    static long bytes(long[] shape, DType dtype) {
        try {
            return Math.multiplyExact(elements(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many bytes", e);
        }
    }
}
