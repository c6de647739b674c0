package io.memserve.checkpoint;

import java.lang.foreign.MemorySegment;

/**
 * Produces a tensor's bytes straight into the file being written: {@code target} is exactly the tensor's size and its
 * elements are little-endian. Fills of different tensors run in parallel, so a fill must not share mutable state.
 */
@FunctionalInterface
public interface TensorFill {

    void fill(MemorySegment target);
}
