package io.memserve.engine.backend;

import io.memserve.engine.kv.KvPagePool;
import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Attention of one query head at position p over keys 0..p read from pages. Always one pass in increasing position
 * order (scores, max, exponentials and their sum, weighted sum of V), never split by chunk, so the result is the
 * same however the prompt was chunked or batched. Scores come LANES or four keys at a time (consecutive rows of a page,
 * folded together); the weighted sum of V keeps two blocks of the output in registers while it walks the positions.
 * Every output element still adds its terms in increasing position order, so the bits do not depend on how the loops
 * are cut.
 */
final class PagedAttention {

    private static final int T = BlockLayout.TOKENS_PER_BLOCK;

    static {
        if (T % 4 != 0) {
            throw new ExceptionInInitializerError("pages of " + T + " tokens do not split into groups of four keys");
        }
    }

    private PagedAttention() {
    }

    /** Floats of work space {@link #attend} needs at {@code position}. */
    static int workSize(int headDim, int position) {
        return 2 * headDim + position + 1;
    }

    /**
     * Writes the attention output of the query at {@code q[qAt ..]} to {@code out[outAt ..]}; {@code work} holds at
     * least {@link #workSize} floats, {@code lanes} {@link DotProducts#SCRATCH}.
     */
    static void attend(KvPagePool pool, int[] pages, int position, int layer, int kvHead, float[] q, int qAt,
            float scale, float[] out, int outAt, float[] work, float[] lanes) {
        BlockLayout layout = pool.layout();
        ElementFormat f = ElementFormat.of(layout.dtype());
        int headDim = layout.headDim();
        int n = position + 1;
        int arrangedQ = 0;
        int acc = headDim;
        int weights = 2 * headDim;
        f.arrange(q, qAt, work, arrangedQ, headDim);
        scores(pool, pages, n, layout.elementIndex(layer, BlockLayout.K, kvHead, 0), f, headDim, work, arrangedQ,
                weights, lanes);
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            float score = work[weights + t] * scale;
            work[weights + t] = score;
            max = Math.max(max, score);
        }
        for (int t = 0; t < n; t++) {
            work[weights + t] -= max;
        }
        FloatExp.expInPlace(work, weights, weights + n);
        float sum = 0f;
        for (int t = 0; t < n; t++) {
            sum += work[weights + t];
        }
        weightedValues(pool, pages, n, layout.elementIndex(layer, BlockLayout.V, kvHead, 0), f, headDim, work,
                weights, acc);
        f.restore(work, acc, out, outAt, headDim);
        float inverse = 1f / sum;
        for (int d = 0; d < headDim; d++) {
            out[outAt + d] *= inverse;
        }
    }

    /**
     * {@code work[weights + t] = q . K[t]} for t < n; K rows of a page start at element {@code kAt}. LANES keys of a
     * page at a time where they fit (one fold for all of them), else four, else one: the same sum for each key.
     */
    private static void scores(KvPagePool pool, int[] pages, int n, long kAt, ElementFormat f, int headDim,
            float[] work, int arrangedQ, int weights, float[] lanes) {
        int t = 0;
        while (t + 4 <= n) {
            MemorySegment page = pool.segment(pages[t / T]);
            long at = kAt + (long) (t % T) * headDim;
            if (t % T + DotProducts.LANES <= T && t + DotProducts.LANES <= n) {
                DotProducts.dotLanesInTurn(f, work, arrangedQ, page, at, headDim, work, weights + t, lanes);
                t += DotProducts.LANES;
            } else {
                DotProducts.dot4InTurn(f, work, arrangedQ, page, at, headDim, work, weights + t, lanes);
                t += 4;
            }
        }
        for (; t < n; t++) {
            MemorySegment page = pool.segment(pages[t / T]);
            work[weights + t] = DotProducts.dot(f, work, arrangedQ, page, kAt + (long) (t % T) * headDim, headDim,
                    lanes);
        }
    }

    /**
     * {@code work[acc + d] = sum over t < n of work[weights + t] * V[t][d]}, in increasing t, in the arranged order;
     * V rows of a page start at element {@code vAt}. Two blocks of the output at a time where there are two: four
     * independent chains of multiply-adds instead of two, which the walk over positions otherwise waits on.
     */
    private static void weightedValues(KvPagePool pool, int[] pages, int n, long vAt, ElementFormat f, int headDim,
            float[] work, int weights, int acc) {
        int bound = DotProducts.blocked(headDim);
        int d = 0;
        for (; d + 2 * DotProducts.BLOCK <= bound; d += 2 * DotProducts.BLOCK) {
            FloatVector even = FloatVector.zero(DotProducts.SPECIES);
            FloatVector odd = even;
            FloatVector nextEven = even;
            FloatVector nextOdd = even;
            for (int first = 0; first < n; first += T) {
                MemorySegment page = pool.segment(pages[first / T]);
                for (int t = first, end = Math.min(n, first + T); t < end; t++) {
                    long at = vAt + (long) (t - first) * headDim + d;
                    FloatVector weight = FloatVector.broadcast(DotProducts.SPECIES, work[weights + t]);
                    even = weight.fma(f.loadPart(page, at, 0), even);
                    odd = weight.fma(f.loadPart(page, at, 1), odd);
                    nextEven = weight.fma(f.loadPart(page, at + DotProducts.BLOCK, 0), nextEven);
                    nextOdd = weight.fma(f.loadPart(page, at + DotProducts.BLOCK, 1), nextOdd);
                }
            }
            even.intoArray(work, acc + d);
            odd.intoArray(work, acc + d + DotProducts.LANES);
            nextEven.intoArray(work, acc + d + DotProducts.BLOCK);
            nextOdd.intoArray(work, acc + d + DotProducts.BLOCK + DotProducts.LANES);
        }
        for (; d < bound; d += DotProducts.BLOCK) {
            FloatVector even = FloatVector.zero(DotProducts.SPECIES);
            FloatVector odd = even;
            for (int first = 0; first < n; first += T) {
                MemorySegment page = pool.segment(pages[first / T]);
                for (int t = first, end = Math.min(n, first + T); t < end; t++) {
                    long at = vAt + (long) (t - first) * headDim + d;
                    FloatVector weight = FloatVector.broadcast(DotProducts.SPECIES, work[weights + t]);
                    even = weight.fma(f.loadPart(page, at, 0), even);
                    odd = weight.fma(f.loadPart(page, at, 1), odd);
                }
            }
            even.intoArray(work, acc + d);
            odd.intoArray(work, acc + d + DotProducts.LANES);
        }
        for (int d2 = bound; d2 < headDim; d2++) {
            float sum = 0f;
            for (int t = 0; t < n; t++) {
                MemorySegment page = pool.segment(pages[t / T]);
                sum = Math.fma(work[weights + t], f.get(page, vAt + (long) (t % T) * headDim + d2), sum);
            }
            work[acc + d2] = sum;
        }
    }
}
