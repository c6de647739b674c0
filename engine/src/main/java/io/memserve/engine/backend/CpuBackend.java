package io.memserve.engine.backend;

import io.memserve.engine.kv.KvPagePool;
import io.memserve.engine.model.Weight;
import io.memserve.engine.sampling.Sampler;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;

/**
 * The CPU backend: Vector API kernels on a persistent worker pool. Threads always split outputs (weight rows, rows of
 * a step, heads), never a reduction, so results are the same for any thread count or batch.
 */
public final class CpuBackend implements Backend {

    /** Bytes of weights a thread reads in one run when products stream from memory. */
    private static final long STREAM_RUN = 1L << 20;

    /** Multiply-adds (or the like) below which a loop is not worth spreading over threads. */
    private static final long SERIAL_WORK = 200_000;

    private final WorkerPool pool;
    private final ThreadLocal<float[]> lanes = ThreadLocal.withInitial(() -> new float[DotProducts.SCRATCH]);
    /** Per-thread outputs of a weight group cut short by its matrix's edge, four rows of a whole group. */
    private final ThreadLocal<float[]> groupScratch = ThreadLocal.withInitial(() -> new float[4 * PackedWeight.GROUP]);
    /** Per-thread sums of the four-row products before their even and odd halves are added. */
    private final ThreadLocal<float[]> rows4Scratch =
            ThreadLocal.withInitial(() -> new float[PackedProducts.ROWS4_SCRATCH]);
    /** Weights in the products' order (one group of output rows per task), owned by this backend. */
    private final Arena packedArena = Arena.ofShared();
    private final Map<Weight, PackedWeight> packedWeights = new IdentityHashMap<>();
    /** Per-thread attention work space, grown to the longest context seen. */
    private final ThreadLocal<float[]> attentionWork = ThreadLocal.withInitial(() -> new float[0]);

    public CpuBackend(int threads) {
        this.pool = new WorkerPool(threads);
    }

    public int threads() {
        return pool.threads();
    }

    /** The pool, shared with other CPU work of the engine such as the memory bandwidth probe. */
    public WorkerPool workers() {
        return pool;
    }

    @Override
    public void embed(Weight table, int[] tokens, float[] out) {
        ElementFormat f = ElementFormat.of(table.dtype());
        int dim = table.cols();
        for (int r = 0; r < tokens.length; r++) {
            int token = tokens[r];
            if (token < 0 || token >= table.rows()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary [0, "
                        + table.rows() + ")");
            }
            long base = (long) token * dim;
            for (int i = 0; i < dim; i++) {
                out[r * dim + i] = f.get(table.data(), base + i);
            }
        }
    }

    @Override
    public void matmul(float[] x, int rows, Weight w, float[] out) {
        matmul(x, rows, new Weight[] {w}, new float[][] {out});
    }

    @Override
    public void matmul(float[] x, int rows, Weight[] ws, float[][] outs) {
        int n = ws[0].cols();
        PackedWeight[] packed = new PackedWeight[ws.length];
        int[] groupsPerTask = new int[ws.length];
        int[] firstTask = new int[ws.length + 1];
        for (int i = 0; i < ws.length; i++) {
            if (ws[i].cols() != n) {
                throw new IllegalArgumentException("fused products need one input width: " + ws[i].name());
            }
            packed[i] = packed(ws[i]);
            groupsPerTask[i] = rows < 4 ? streamingRun(packed[i]) : 1;
            firstTask[i + 1] = firstTask[i] + (packed[i].groups() + groupsPerTask[i] - 1) / groupsPerTask[i];
        }
        int stride = 2 * packed[0].pairs();
        float[] padded = new float[rows * stride];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * n, padded, r * stride, n);
        }
        pool.parallelFor(firstTask[ws.length], task -> {
            int which = 0;
            while (task >= firstTask[which + 1]) {
                which++;
            }
            PackedWeight w = packed[which];
            int from = (task - firstTask[which]) * groupsPerTask[which];
            for (int g = from, to = Math.min(w.groups(), from + groupsPerTask[which]); g < to; g++) {
                multiplyGroup(padded, rows, stride, w, g, outs[which]);
            }
        });
    }

    /**
     * Groups per task where the products stream weights from memory (fewer than four rows): a thread reads about
     * {@link #STREAM_RUN} bytes in a row, since every jump to a new run costs the hardware prefetcher a ramp (96 KiB
     * tasks read 40 GB/s where 1 MiB tasks read 49 on the dev box), yet at least two tasks per thread, so that no
     * thread waits long at the end of a product.
     */
    private int streamingRun(PackedWeight w) {
        long groupBytes = w.data().byteSize() / w.groups();
        int run = (int) Math.max(1, STREAM_RUN / groupBytes);
        return Math.max(1, Math.min(run, w.groups() / (2 * pool.threads())));
    }

    @Override
    public void prepare(Weight w) {
        packed(w);
    }

    /** The weights of {@code w} in the products' order, copied once: when prepared, or else on first use. */
    private synchronized PackedWeight packed(Weight w) {
        PackedWeight p = packedWeights.get(w);
        if (p == null) {
            p = PackedWeight.pack(w, packedArena, pool);
            packedWeights.put(w, p);
            if (w.data().isMapped()) {
                // The products never read these mapped bytes again (a tied embedding reads a few rows, which fault
                // back in): their pages leave this process's memory, so the weights are resident once, not twice.
                w.data().unload();
            }
        }
        return p;
    }

    /**
     * Output columns of group {@code g} for every row of {@code x} (rows {@code stride} apart). Four rows at a time
     * reuse each weight vector four times; the group, read from memory by the first four, waits in the core's cache for
     * the rest. A group cut short by the matrix's edge is computed into scratch and its valid columns copied.
     */
    private void multiplyGroup(float[] x, int rows, int stride, PackedWeight w, int g, float[] out) {
        int width = w.rows();
        int from = g * PackedWeight.GROUP;
        int columns = Math.min(PackedWeight.GROUP, width - from);
        boolean whole = columns == PackedWeight.GROUP;
        float[] edge = whole ? null : groupScratch.get();
        float[] sums = rows >= 4 ? rows4Scratch.get() : null;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            if (whole) {
                PackedProducts.rows4(x, r * stride, stride, w, g, out, r * width + from, width, sums);
            } else {
                PackedProducts.rows4(x, r * stride, stride, w, g, edge, 0, PackedWeight.GROUP, sums);
                for (int k = 0; k < 4; k++) {
                    System.arraycopy(edge, k * PackedWeight.GROUP, out, (r + k) * width + from, columns);
                }
            }
        }
        for (; r < rows; r++) {
            if (whole) {
                PackedProducts.row(x, r * stride, w, g, out, r * width + from);
            } else {
                PackedProducts.row(x, r * stride, w, g, edge, 0);
                System.arraycopy(edge, 0, out, r * width + from, columns);
            }
        }
    }

    @Override
    public void rmsNorm(float[] x, int rows, float[] weight, float eps, float[] out) {
        int dim = weight.length;
        float[] scratch = lanes.get();
        for (int r = 0; r < rows; r++) {
            int at = r * dim;
            float sumOfSquares = Reductions.sumOfSquares(x, at, dim, scratch);
            float scale = (float) (1.0 / Math.sqrt(sumOfSquares / dim + eps));
            for (int i = 0; i < dim; i++) {
                out[at + i] = weight[i] * (x[at + i] * scale);
            }
        }
    }

    @Override
    public void rope(float[] x, int rows, int heads, int headDim, float[] cos, float[] sin) {
        int half = headDim / 2;
        for (int r = 0; r < rows; r++) {
            for (int h = 0; h < heads; h++) {
                int at = (r * heads + h) * headDim;
                for (int i = 0; i < half; i++) {
                    float c = cos[r * half + i];
                    float s = sin[r * half + i];
                    float a = x[at + i];
                    float b = x[at + half + i];
                    x[at + i] = a * c - b * s;
                    x[at + half + i] = b * c + a * s;
                }
            }
        }
    }

    @Override
    public void storeKv(AttentionRows rows, int layer, float[] k, float[] v) {
        KvPagePool kv = rows.pool();
        BlockLayout layout = kv.layout();
        ElementFormat f = ElementFormat.of(layout.dtype());
        int headDim = layout.headDim();
        int width = layout.kvHeads() * headDim;
        for (int r = 0; r < rows.rows(); r++) {
            int position = rows.positions()[r];
            MemorySegment page = kv.segment(rows.pageTables()[r][position / BlockLayout.TOKENS_PER_BLOCK]);
            int slot = position % BlockLayout.TOKENS_PER_BLOCK;
            for (int h = 0; h < layout.kvHeads(); h++) {
                long kAt = layout.elementIndex(layer, BlockLayout.K, h, slot);
                long vAt = layout.elementIndex(layer, BlockLayout.V, h, slot);
                int src = r * width + h * headDim;
                for (int i = 0; i < headDim; i++) {
                    f.put(page, kAt + i, k[src + i]);
                    f.put(page, vAt + i, v[src + i]);
                }
            }
        }
    }

    @Override
    public void attention(AttentionRows rows, int layer, float[] q, int heads, float[] out) {
        BlockLayout layout = rows.pool().layout();
        int headDim = layout.headDim();
        int kvHeads = layout.kvHeads();
        int group = heads / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        // One task per row and KV head: the query heads of a group read the same K and V, so only the first reads
        // them from memory, the others from the core's cache. Tasks wait on memory more than they compute, so even a
        // single sequence's few tasks are worth spreading over the threads.
        pool.parallelFor(rows.rows() * kvHeads, task -> {
            int r = task / kvHeads;
            int kvHead = task % kvHeads;
            int position = rows.positions()[r];
            float[] work = attentionWork(PagedAttention.workSize(headDim, position));
            for (int h = kvHead * group; h < (kvHead + 1) * group; h++) {
                int at = (r * heads + h) * headDim;
                PagedAttention.attend(rows.pool(), rows.pageTables()[r], position, layer, kvHead, q, at, scale, out,
                        at, work, lanes.get());
            }
        });
    }

    private float[] attentionWork(int size) {
        float[] work = attentionWork.get();
        if (work.length < size) {
            work = new float[Math.max(size, 2 * work.length)];
            attentionWork.set(work);
        }
        return work;
    }

    @Override
    public void swiglu(float[] gate, float[] up, int n) {
        int tasks = Math.max(1, Math.min(pool.threads() * 4, n / 1024));
        int per = (n + tasks - 1) / tasks;
        forEach(tasks, 16L * n, task -> {
            // FloatExp's vector and scalar forms agree bit for bit, so where the vector loop stops changes nothing.
            int i = task * per;
            int end = Math.min(n, i + per);
            for (int bound = i + DotProducts.SPECIES.loopBound(end - i); i < bound; i += DotProducts.LANES) {
                FloatVector g = FloatVector.fromArray(DotProducts.SPECIES, gate, i);
                g.div(FloatExp.exp(g.neg()).add(1f)).mul(FloatVector.fromArray(DotProducts.SPECIES, up, i))
                        .intoArray(gate, i);
            }
            for (; i < end; i++) {
                float g = gate[i];
                gate[i] = g / (1f + FloatExp.exp(-g)) * up[i];
            }
        });
    }

    @Override
    public void add(float[] x, float[] y, int n) {
        int bound = DotProducts.SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DotProducts.LANES) {
            FloatVector.fromArray(DotProducts.SPECIES, x, i).add(FloatVector.fromArray(DotProducts.SPECIES, y, i))
                    .intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] += y[i];
        }
    }

    /** Runs small loops on the calling thread: waking the workers would cost more than the work. */
    private void forEach(int tasks, long work, IntConsumer task) {
        if (work < SERIAL_WORK) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
        } else {
            pool.parallelFor(tasks, task);
        }
    }

    @Override
    public int sample(float[] logits, SamplingParams params, int index) {
        return Sampler.sample(logits, params, index);
    }

    @Override
    public void close() {
        pool.close();
        packedArena.close();
    }
}
