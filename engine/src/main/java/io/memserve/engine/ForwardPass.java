package io.memserve.engine;

import io.memserve.checkpoint.ModelConfig;
import io.memserve.engine.backend.AttentionRows;
import io.memserve.engine.backend.Backend;
import io.memserve.engine.kv.KvPagePool;
import io.memserve.engine.model.LayerWeights;
import io.memserve.engine.model.LlamaModel;
import io.memserve.engine.model.Weight;
import java.util.Arrays;

/**
 * One batched forward pass of a Llama decoder: the new tokens of every sequence in a step become the rows of one
 * activation matrix, each with its own position and page table, and only each sequence's last row reaches the output
 * projection.
 */
final class ForwardPass {

    private final LlamaModel model;
    private final Backend backend;

    ForwardPass(LlamaModel model, Backend backend) {
        this.model = model;
        this.backend = backend;
    }

    /**
     * Runs the layers over {@code tokens} at {@code positions}, storing each row's K and V in its pages, and returns the
     * logits of the rows listed in {@code outputRows}, in that order.
     */
    float[][] run(KvPagePool pool, int[] tokens, int[] positions, int[][] pageTables, int[] outputRows) {
        ModelConfig c = model.config();
        int rows = tokens.length;
        int hidden = c.hiddenSize();
        int heads = c.numAttentionHeads();
        int kvHeads = c.numKeyValueHeads();
        int headDim = c.headDim();
        int pairs = headDim / 2;
        AttentionRows attention = new AttentionRows(pool, positions, pageTables);

        float[] cos = new float[rows * pairs];
        float[] sin = new float[rows * pairs];
        for (int r = 0; r < rows; r++) {
            model.rope().angles(positions[r], cos, sin, r * pairs);
        }

        float[] x = new float[rows * hidden];
        float[] normed = new float[rows * hidden];
        float[] q = new float[rows * heads * headDim];
        float[] k = new float[rows * kvHeads * headDim];
        float[] v = new float[rows * kvHeads * headDim];
        float[] attended = new float[rows * heads * headDim];
        float[] projected = new float[rows * hidden];
        float[] gate = new float[rows * c.intermediateSize()];
        float[] up = new float[rows * c.intermediateSize()];

        backend.embed(model.embedding(), tokens, x);
        for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
            LayerWeights w = model.layers().get(layer);
            backend.rmsNorm(x, rows, w.inputNorm(), (float) c.rmsNormEps(), normed);
            backend.matmul(normed, rows, new Weight[] {w.q(), w.k(), w.v()}, new float[][] {q, k, v});
            backend.rope(q, rows, heads, headDim, cos, sin);
            backend.rope(k, rows, kvHeads, headDim, cos, sin);
            backend.storeKv(attention, layer, k, v);
            backend.attention(attention, layer, q, heads, attended);
            backend.matmul(attended, rows, w.o(), projected);
            backend.add(x, projected, x.length);

            backend.rmsNorm(x, rows, w.postAttentionNorm(), (float) c.rmsNormEps(), normed);
            backend.matmul(normed, rows, new Weight[] {w.gate(), w.up()}, new float[][] {gate, up});
            backend.swiglu(gate, up, gate.length);
            backend.matmul(gate, rows, w.down(), projected);
            backend.add(x, projected, x.length);
        }

        int outputs = outputRows.length;
        float[] last = new float[outputs * hidden];
        for (int i = 0; i < outputs; i++) {
            System.arraycopy(x, outputRows[i] * hidden, last, i * hidden, hidden);
        }
        float[] lastNormed = new float[outputs * hidden];
        backend.rmsNorm(last, outputs, model.finalNorm(), (float) c.rmsNormEps(), lastNormed);
        int vocab = model.lmHead().rows();
        float[] logits = new float[outputs * vocab];
        backend.matmul(lastNormed, outputs, model.lmHead(), logits);
        float[][] result = new float[outputs][];
        for (int i = 0; i < outputs; i++) {
            result[i] = Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
        }
        return result;
    }
}
