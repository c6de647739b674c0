package io.memserve.engine.backend;

import io.memserve.engine.kv.KvPagePool;
import io.memserve.kvblock.BlockLayout;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Attention of one query head at position p over keys 0..p read from pages. Always one pass in increasing position
 * order (scores, max, exponentials and their sum, weighted sum of V), never split by chunk, so the result is the
 * same however the prompt was chunked or batched.
 */
final class PagedAttention {

    private static final int T = BlockLayout.TOKENS_PER_BLOCK;

    private PagedAttention() {
    }

    static void attend(KvPagePool pool, int[] pages, int position, int layer, int kvHead, float[] q, int qAt,
            float scale, float[] out, int outAt, float[] lanes) {
        BlockLayout layout = pool.layout();
        ElementFormat f = ElementFormat.of(layout.dtype());
        int headDim = layout.headDim();
        int n = position + 1;
        float[] arrangedQ = new float[headDim];
        f.arrange(q, qAt, arrangedQ, 0, headDim);
        float[] weights = new float[n];
        float max = Float.NEGATIVE_INFINITY;
        MemorySegment page = null;
        for (int t = 0; t < n; t++) {
            if (t % T == 0) {
                page = pool.segment(pages[t / T]);
            }
            long kAt = layout.elementIndex(layer, BlockLayout.K, kvHead, t % T);
            float score = DotProducts.dot(f, arrangedQ, 0, page, kAt, headDim, lanes) * scale;
            weights[t] = score;
            max = Math.max(max, score);
        }
        for (int t = 0; t < n; t++) {
            weights[t] -= max;
        }
        FloatExp.expInPlace(weights, 0, n);
        float sum = 0f;
        for (int t = 0; t < n; t++) {
            sum += weights[t];
        }
        int bound = DotProducts.blocked(headDim);
        float[] acc = new float[headDim];
        for (int t = 0; t < n; t++) {
            if (t % T == 0) {
                page = pool.segment(pages[t / T]);
            }
            long vAt = layout.elementIndex(layer, BlockLayout.V, kvHead, t % T);
            FloatVector weight = FloatVector.broadcast(DotProducts.SPECIES, weights[t]);
            for (int d = 0; d < bound; d += DotProducts.BLOCK) {
                for (int part = 0; part < 2; part++) {
                    int at = d + part * DotProducts.LANES;
                    weight.fma(f.loadPart(page, vAt + d, part), FloatVector.fromArray(DotProducts.SPECIES, acc, at))
                            .intoArray(acc, at);
                }
            }
            for (int d = bound; d < headDim; d++) {
                acc[d] = Math.fma(weights[t], f.get(page, vAt + d), acc[d]);
            }
        }
        f.restore(acc, 0, out, outAt, headDim);
        float inverse = 1f / sum;
        for (int d = 0; d < headDim; d++) {
            out[outAt + d] *= inverse;
        }
    }
}
