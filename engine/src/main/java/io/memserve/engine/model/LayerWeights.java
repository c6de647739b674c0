package io.memserve.engine.model;

import java.util.List;

/** The weights of one decoder layer: norm scales widened to float once, matrices as the checkpoint maps them. */
public record LayerWeights(
        float[] inputNorm,
        Weight q,
        Weight k,
        Weight v,
        Weight o,
        float[] postAttentionNorm,
        Weight gate,
        Weight up,
        Weight down) {

    /** The layer's matrices, in the order a forward pass multiplies by them. */
    public List<Weight> matrices() {
        return List.of(q, k, v, o, gate, up, down);
    }

    public long bytes() {
        return 4L * (inputNorm.length + postAttentionNorm.length)
                + matrices().stream().mapToLong(Weight::bytes).sum();
    }
}
