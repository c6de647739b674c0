package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.util.List;

/**
 * The architecture of a Llama model to generate, and the dtype its weights are stored in. The {@code with...} methods
 * derive variants, e.g. {@code Preset.TINY.shape().withDtype(DType.BF16).withTiedEmbeddings(true)}.
 *
 * @param ropeScaling null for plain RoPE
 */
public record ModelShape(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        int maxPositionEmbeddings,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        DType dtype,
        boolean tieWordEmbeddings) {

    public ModelShape(int vocabSize, int hiddenSize, int intermediateSize, int numHiddenLayers,
            int numAttentionHeads, int numKeyValueHeads, int headDim, int maxPositionEmbeddings, double rmsNormEps,
            double ropeTheta, RopeScaling ropeScaling, DType dtype, boolean tieWordEmbeddings) {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is required");
        }
        this.vocabSize = vocabSize;
        this.hiddenSize = hiddenSize;
        this.intermediateSize = intermediateSize;
        this.numHiddenLayers = numHiddenLayers;
        this.numAttentionHeads = numAttentionHeads;
        this.numKeyValueHeads = numKeyValueHeads;
        this.headDim = headDim;
        this.maxPositionEmbeddings = maxPositionEmbeddings;
        this.rmsNormEps = rmsNormEps;
        this.ropeTheta = ropeTheta;
        this.ropeScaling = ropeScaling;
        this.dtype = dtype;
        this.tieWordEmbeddings = tieWordEmbeddings;
        toConfig(0, 0); // a shape is valid exactly when the config.json it becomes is
    }

    /** The config.json of a model of this shape whose tokenizer has these special token ids. */
    public ModelConfig toConfig(int bosTokenId, int eosTokenId) {
        return new ModelConfig(List.of("LlamaForCausalLM"), hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, vocabSize, maxPositionEmbeddings, rmsNormEps, ropeTheta,
                ropeScaling, tieWordEmbeddings, bosTokenId, new int[] {eosTokenId}, torchName(dtype), null);
    }

    public long parameterCount() {
        return toConfig(0, 0).parameterCount();
    }

    public ModelShape withDtype(DType newDtype) {
        return new ModelShape(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling, newDtype,
                tieWordEmbeddings);
    }

    public ModelShape withTiedEmbeddings(boolean tied) {
        return new ModelShape(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling, dtype, tied);
    }

    /** Attention heads and KV heads (their ratio is the GQA group size); the head dim is kept. */
    public ModelShape withHeads(int heads, int kvHeads) {
        return new ModelShape(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, heads, kvHeads, headDim,
                maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling, dtype, tieWordEmbeddings);
    }

    public ModelShape withLayers(int layers) {
        return new ModelShape(vocabSize, hiddenSize, intermediateSize, layers, numAttentionHeads, numKeyValueHeads,
                headDim, maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling, dtype, tieWordEmbeddings);
    }

    public ModelShape withVocabSize(int vocab) {
        return new ModelShape(vocab, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling, dtype,
                tieWordEmbeddings);
    }

    public ModelShape withRope(double theta, RopeScaling scaling) {
        return new ModelShape(vocabSize, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, maxPositionEmbeddings, rmsNormEps, theta, scaling, dtype,
                tieWordEmbeddings);
    }

    /** The name transformers gives a dtype in config.json. */
    static String torchName(DType dtype) {
        return switch (dtype) {
            case F32 -> "float32";
            case BF16 -> "bfloat16";
            case F16 -> "float16";
        };
    }
}
