package io.memserve.engine.model;

/** The weights of one decoder layer; norm scales are small and widened to float once, matrices stay mapped. */
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

    public long bytes() {
        return 4L * (inputNorm.length + postAttentionNorm.length) + q.bytes() + k.bytes() + v.bytes() + o.bytes()
                + gate.bytes() + up.bytes() + down.bytes();
    }

    /** Multiply-adds of the layer's matrix products for one token; attention over the context comes on top. */
    public long multiplyAdds() {
        return q.multiplyAdds() + k.multiplyAdds() + v.multiplyAdds() + o.multiplyAdds() + gate.multiplyAdds()
                + up.multiplyAdds() + down.multiplyAdds();
    }
}
