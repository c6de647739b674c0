package io.memserve.mempool.service.store;

import io.memserve.mempool.api.TierName;
import java.lang.foreign.MemorySegment;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * GPU memory through the CUDA driver API (JCuda). Each block is one {@code cuMemAlloc}; copies go through the
 * context made current on the calling thread, since pool threads are not bound to a device.
 */
public final class HbmTier implements Tier {

    private final CUcontext context = new CUcontext();

    /** One block in device memory. */
    private final class HbmMemory implements TierMemory {

        private final CUdeviceptr pointer;
        private final long bytes;

        private HbmMemory(CUdeviceptr pointer, long bytes) {
            this.pointer = pointer;
            this.bytes = bytes;
        }

        CUdeviceptr pointer() {
            return pointer;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public void release() {
            JCudaDriver.cuCtxSetCurrent(context);
            JCudaDriver.cuMemFree(pointer);
        }
    }

    public HbmTier(int deviceOrdinal) {
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, deviceOrdinal);
        JCudaDriver.cuCtxCreate(context, 0, device);
    }

    /** Whether the CUDA driver is present and reports at least one device; never throws. */
    public static boolean deviceAvailable() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            return count[0] > 0;
        } catch (Throwable noDriver) {
            return false;
        }
    }

    @Override
    public TierName name() {
        return TierName.HBM;
    }

    @Override
    public TierMemory allocate(long bytes) {
        JCudaDriver.cuCtxSetCurrent(context);
        CUdeviceptr pointer = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(pointer, bytes);
        return new HbmMemory(pointer, bytes);
    }

    @Override
    public void write(MemorySegment src, TierMemory dst) {
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuMemcpyHtoD(((HbmMemory) dst).pointer(), Pointer.to(src.asByteBuffer()), dst.bytes());
    }

    @Override
    public void read(TierMemory src, MemorySegment dst) {
        JCudaDriver.cuCtxSetCurrent(context);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(dst.asByteBuffer()), ((HbmMemory) src).pointer(), src.bytes());
    }

    @Override
    public void close() {
        JCudaDriver.cuCtxDestroy(context);
    }
}
