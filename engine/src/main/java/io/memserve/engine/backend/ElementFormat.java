package io.memserve.engine.backend;

import io.memserve.kvblock.DType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * How elements of one {@link DType} are read from and written to little-endian memory as floats: a block of
 * {@link #BLOCK} elements at a time for the kernels, one element at a time for tails and stores. Narrow types are
 * widened in registers, so weights and KV pages are read straight from their segments.
 *
 * <p>A block is read as two vectors, its two <em>parts</em>. For 16-bit types one wide integer load yields both: the
 * low halves of its lanes (the even elements) and the high halves (the odd elements), with no lane-crossing
 * conversion. Activations meeting those weights are laid out the same way by {@link #arrange} first.
 */
public abstract sealed class ElementFormat permits F32Format, HalfWidthFormat {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Elements per block: two vectors. */
    static final int BLOCK = 2 * LANES;

    public static ElementFormat of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32Format.INSTANCE;
            case BF16 -> Bf16Format.INSTANCE;
            case F16 -> F16Format.INSTANCE;
        };
    }

    private final DType dtype;

    ElementFormat(DType dtype) {
        this.dtype = dtype;
    }

    /**
     * Part 0 or 1 of the block starting at element {@code index}. Final and dispatched on a field rather than
     * overridden: a kernel's call sites then always bind statically and inline, so no vector is ever boxed.
     */
    final FloatVector loadPart(MemorySegment segment, long index, int part) {
        if (dtype == DType.F32) {
            return F32Format.load(segment, index, part);
        }
        IntVector pairs = IntVector.fromMemorySegment(HalfWidthFormat.INTS, segment, index * 2, ByteOrder.LITTLE_ENDIAN);
        return dtype == DType.BF16 ? Bf16Format.widen(pairs, part) : F16Format.widen(pairs, part);
    }

    /**
     * Copies {@code n} activations so that each full block holds first the elements that meet part 0 of a weight
     * block, then those that meet part 1; a tail shorter than a block is copied as it is.
     */
    abstract void arrange(float[] src, int srcAt, float[] dst, int dstAt, int n);

    /** Undoes {@link #arrange}. */
    abstract void restore(float[] src, int srcAt, float[] dst, int dstAt, int n);

    public abstract float get(MemorySegment segment, long index);

    /** Stores {@code value}, rounded to nearest even when the type is narrower than float. */
    public abstract void put(MemorySegment segment, long index, float value);
}
