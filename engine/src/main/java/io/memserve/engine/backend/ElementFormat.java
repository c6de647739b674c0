package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * How elements of one {@link DType} are read from and written to little-endian memory as floats: a whole vector at a
 * time for the kernels, one element at a time for tails and stores. Narrow types are widened in registers, so weights
 * and KV pages are read straight from their segments.
 */
public abstract sealed class ElementFormat permits F32Format, Bf16Format, F16Format {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    public static ElementFormat of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32Format.INSTANCE;
            case BF16 -> Bf16Format.INSTANCE;
            case F16 -> F16Format.INSTANCE;
        };
    }

    /** {@link #SPECIES} lanes starting at element {@code index}. */
    abstract FloatVector load(MemorySegment segment, long index);

    public abstract float get(MemorySegment segment, long index);

    /** Stores {@code value}, rounded to nearest even when the type is narrower than float. */
    public abstract void put(MemorySegment segment, long index, float value);
}
