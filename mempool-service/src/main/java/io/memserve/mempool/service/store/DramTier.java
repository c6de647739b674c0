package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierName;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Off-heap host memory. Blocks come from the C allocator through {@code java.lang.foreign} rather than from an
 * {@code Arena}: a pool frees blocks one at a time and all the time, which a confined arena cannot do across threads
 * and a shared arena makes costly (closing one synchronizes every thread).
 */
public final class DramTier implements Tier {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("malloc"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("free"),
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    /** One block in host memory. */
    public static final class DramMemory implements TierMemory {

        private final MemorySegment segment;

        private DramMemory(MemorySegment segment) {
            this.segment = segment;
        }

        public MemorySegment segment() {
            return segment;
        }

        @Override
        public long bytes() {
            return segment.byteSize();
        }

        @Override
        public void release() {
            try {
                FREE.invokeExact(segment);
            } catch (Throwable t) {
                throw new IllegalStateException("free failed", t);
            }
        }
    }

    @Override
    public TierName name() {
        return TierName.DRAM;
    }

    @Override
    public DramMemory allocate(long bytes) {
        MemorySegment raw;
        try {
            raw = (MemorySegment) MALLOC.invokeExact(bytes);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc failed", t);
        }
        if (raw.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc(" + bytes + ") returned NULL");
        }
        return new DramMemory(raw.reinterpret(bytes));
    }

    @Override
    public void write(MemorySegment src, TierMemory dst) {
        MemorySegment.copy(src, 0, ((DramMemory) dst).segment, 0, dst.bytes());
    }

    @Override
    public void read(TierMemory src, MemorySegment dst) {
        MemorySegment.copy(((DramMemory) src).segment, 0, dst, 0, src.bytes());
    }
}
