package io.memserve.engine.backend;

import io.memserve.engine.model.Weight;
import io.memserve.engine.sampling.SamplingParams;

/**
 * The numeric kernels of a forward pass, cut where an accelerator takes over. Activations are row-major
 * {@code [rows, width]} float arrays; weights are the checkpoint's mapped tensors, which a backend may copy once into
 * the order its kernels read. Every kernel must be batch invariant: a row's result may not depend on the other rows,
 * their number, or how work was split.
 */
public interface Backend extends AutoCloseable {

    /**
     * Makes ready what products by {@code w} need (for the CPU backend, the weights copied into the kernels' order),
     * so that the first request does not pay for it. A product by a matrix not prepared prepares it first.
     */
    void prepare(Weight w);

    /** {@code out[r] = table[tokens[r]]}, widened to float. */
    void embed(Weight table, int[] tokens, float[] out);

    /** {@code out[r, o] = sum_i x[r, i] * w[o, i]} for {@code rows} rows. */
    void matmul(float[] x, int rows, Weight w, float[] out);

    /** Several products of the same input (q, k and v; gate and up) in one parallel pass. */
    void matmul(float[] x, int rows, Weight[] ws, float[][] outs);

    /** Root-mean-square normalisation of each row, times {@code weight}. */
    void rmsNorm(float[] x, int rows, float[] weight, float eps, float[] out);

    /**
     * Rotates each head of each row in place by the angles of its position; {@code cos} and {@code sin} hold
     * {@code headDim / 2} values per row, pairing element i with element i + headDim / 2.
     */
    void rope(float[] x, int rows, int heads, int headDim, float[] cos, float[] sin);

    /** Stores the K and V of each row (all kv heads of {@code layer}) into its page at its position. */
    void storeKv(AttentionRows rows, int layer, float[] k, float[] v);

    /** Causal grouped-query attention of each row over positions 0..its own, reading K and V from the pages. */
    void attention(AttentionRows rows, int layer, float[] q, int heads, float[] out);

    /** {@code gate = silu(gate) * up}, element-wise over {@code n} elements. */
    void swiglu(float[] gate, float[] up, int n);

    /** {@code x += y} over {@code n} elements. */
    void add(float[] x, float[] y, int n);

    /** The {@code index}-th token of a request, drawn from {@code logits}. */
    int sample(float[] logits, SamplingParams params, int index);

    @Override
    void close();
}
