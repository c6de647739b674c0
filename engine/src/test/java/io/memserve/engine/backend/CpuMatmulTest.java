package io.memserve.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.engine.model.Weight;
import io.memserve.kvblock.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Products over matrices large enough that one row streams several weight groups per task while five rows take one
 * group per task and the four-row kernel: the bits of a row may not depend on either, and the sums stay close to a
 * double-precision reference.
 */
class CpuMatmulTest {

    @Test
    void aRowHasTheSameBitsAloneAsInABatchOfFive() {
        for (DType dtype : new DType[] {DType.BF16, DType.F32}) {
            for (int[] shape : new int[][] {{1000, 130}, {4100, 64}, {200, 31}}) {
                check(dtype, shape[0], shape[1]);
            }
        }
    }

    private static void check(DType dtype, int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        ElementFormat f = ElementFormat.of(dtype);
        try (Arena arena = Arena.ofShared(); CpuBackend backend = new CpuBackend(2)) {
            MemorySegment data = arena.allocate((long) rows * cols * dtype.bytes());
            for (long i = 0; i < (long) rows * cols; i++) {
                f.put(data, i, (float) random.nextGaussian());
            }
            Weight w = new Weight("w", dtype, rows, cols, data);
            int batch = 5;
            float[] x = new float[batch * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] alone = new float[rows];
            float[] batched = new float[batch * rows];
            backend.matmul(x, 1, w, alone);
            backend.matmul(x, batch, w, batched);
            for (int o = 0; o < rows; o++) {
                assertEquals(Float.floatToRawIntBits(batched[o]), Float.floatToRawIntBits(alone[o]),
                        dtype + " [" + rows + ", " + cols + "] output " + o);
                double reference = 0;
                double magnitude = 0;
                for (int i = 0; i < cols; i++) {
                    double term = (double) x[i] * f.get(data, (long) o * cols + i);
                    reference += term;
                    magnitude += Math.abs(term);
                }
                // Two chains of cols/2 roundings and one addition, each off by at most 2^-24 of the terms' magnitude.
                assertTrue(Math.abs(reference - alone[o]) <= cols * 0x1p-24 * magnitude,
                        dtype + " output " + o + ": " + alone[o] + " against " + reference);
            }
        }
    }
}
