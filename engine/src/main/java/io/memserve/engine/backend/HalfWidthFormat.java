package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the 16-bit formats share: a block is one integer vector load, even elements in the low halves of its lanes
 * (part 0), odd elements in the high halves (part 1).
 */
abstract sealed class HalfWidthFormat extends ElementFormat permits Bf16Format, F16Format {

    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SPECIES.vectorShape());

    HalfWidthFormat(DType dtype) {
        super(dtype);
    }

    @Override
    final void arrange(float[] src, int srcAt, float[] dst, int dstAt, int n) {
        int blocks = n / BLOCK * BLOCK;
        for (int b = 0; b < blocks; b += BLOCK) {
            for (int j = 0; j < LANES; j++) {
                dst[dstAt + b + j] = src[srcAt + b + 2 * j];
                dst[dstAt + b + LANES + j] = src[srcAt + b + 2 * j + 1];
            }
        }
        System.arraycopy(src, srcAt + blocks, dst, dstAt + blocks, n - blocks);
    }

    @Override
    final void restore(float[] src, int srcAt, float[] dst, int dstAt, int n) {
        int blocks = n / BLOCK * BLOCK;
        for (int b = 0; b < blocks; b += BLOCK) {
            for (int j = 0; j < LANES; j++) {
                dst[dstAt + b + 2 * j] = src[srcAt + b + j];
                dst[dstAt + b + 2 * j + 1] = src[srcAt + b + LANES + j];
            }
        }
        System.arraycopy(src, srcAt + blocks, dst, dstAt + blocks, n - blocks);
    }
}
