package io.memserve.engine.model;

import io.memserve.checkpoint.Checkpoint;
import io.memserve.checkpoint.LlamaTensors;
import io.memserve.checkpoint.ModelConfig;
import io.memserve.checkpoint.RopeScaling;
import io.memserve.checkpoint.Tensor;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Llama-family model opened from a Hugging Face directory: its config and its weights, read in place from the mapped
 * safetensors. The KV cache is kept in the dtype of the weights.
 */
public final class LlamaModel implements AutoCloseable {

    private final Checkpoint checkpoint;
    private final ModelConfig config;
    private final DType dtype;
    private final Weight embedding;
    private final List<LayerWeights> layers;
    private final float[] finalNorm;
    private final Weight lmHead;
    private final RopeFrequencies rope;

    private LlamaModel(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.config = checkpoint.config();
        if (config.slidingWindow() != null && config.slidingWindow() < config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(checkpoint.dir() + ": sliding-window attention is not supported");
        }
        this.embedding = matrix(LlamaTensors.EMBED_TOKENS);
        this.dtype = embedding.dtype();
        List<LayerWeights> list = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            list.add(new LayerWeights(vector(LlamaTensors.inputNorm(i)), matrix(LlamaTensors.qProj(i)),
                    matrix(LlamaTensors.kProj(i)), matrix(LlamaTensors.vProj(i)), matrix(LlamaTensors.oProj(i)),
                    vector(LlamaTensors.postAttentionNorm(i)), matrix(LlamaTensors.gateProj(i)),
                    matrix(LlamaTensors.upProj(i)), matrix(LlamaTensors.downProj(i))));
        }
        this.layers = List.copyOf(list);
        this.finalNorm = vector(LlamaTensors.FINAL_NORM);
        this.lmHead = config.tieWordEmbeddings() || !checkpoint.has(LlamaTensors.LM_HEAD)
                ? embedding : matrix(LlamaTensors.LM_HEAD);
        RopeScaling scaling = config.ropeScaling();
        this.rope = scaling == null
                ? RopeFrequencies.plain(config.headDim(), config.ropeTheta())
                : RopeFrequencies.llama3(config.headDim(), config.ropeTheta(), scaling.factor(),
                        scaling.lowFreqFactor(), scaling.highFreqFactor(), scaling.originalMaxPositionEmbeddings());
    }

    public static LlamaModel open(Path dir) {
        Checkpoint checkpoint = Checkpoint.open(dir);
        try {
            return new LlamaModel(checkpoint);
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    /** The directory's name, which is how the cluster names the model. */
    public String modelId() {
        return checkpoint.modelId();
    }

    public ModelConfig config() {
        return config;
    }

    public DType dtype() {
        return dtype;
    }

    public BlockLayout kvLayout() {
        return config.kvLayout(dtype);
    }

    public Weight embedding() {
        return embedding;
    }

    public List<LayerWeights> layers() {
        return layers;
    }

    public float[] finalNorm() {
        return finalNorm;
    }

    public Weight lmHead() {
        return lmHead;
    }

    public RopeFrequencies rope() {
        return rope;
    }

    /** Bytes a decode step reads: every layer, the final norm and the output projection. */
    public long decodeWeightBytes() {
        return layers.stream().mapToLong(LayerWeights::bytes).sum() + 4L * finalNorm.length + lmHead.bytes();
    }

    /** Every matrix a token is multiplied by: each layer's, then {@code lm_head}. */
    public List<Weight> matrices() {
        List<Weight> matrices = new ArrayList<>();
        layers.forEach(layer -> matrices.addAll(layer.matrices()));
        matrices.add(lmHead);
        return matrices;
    }

    /** Multiply-adds of every matrix product one token passes through, {@code lm_head} included. */
    public long multiplyAddsPerToken() {
        return matrices().stream().mapToLong(Weight::multiplyAdds).sum();
    }

    @Override
    public void close() {
        checkpoint.close();
    }

    private Weight matrix(String name) {
        Tensor t = checkpoint.tensor(name);
        if (t.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix, has rank " + t.rank());
        }
        return new Weight(name, t.dtype(), Math.toIntExact(t.dim(0)), Math.toIntExact(t.dim(1)), t.data());
    }

    private float[] vector(String name) {
        Tensor t = checkpoint.tensor(name);
        float[] values = new float[Math.toIntExact(t.elements())];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getFloat(i);
        }
        return values;
    }
}
