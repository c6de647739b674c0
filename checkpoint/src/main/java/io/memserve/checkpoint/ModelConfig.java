package io.memserve.checkpoint;

import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The architecture of a Llama-family model, as a Hugging Face {@code config.json} describes it. Only what the engine
 * needs is kept; optional fields are filled with the defaults transformers uses.
 *
 * @param bosTokenId   null when the config names none
 * @param eosTokenIds  empty when the config names none; configs give one id or a list
 * @param torchDtype   the dtype the weights were saved in ("bfloat16", ...), null when not given
 * @param ropeScaling  null for plain RoPE
 * @param slidingWindow Mistral's attention window in tokens, null for full attention
 */
public record ModelConfig(
        List<String> architectures,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        int vocabSize,
        int maxPositionEmbeddings,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean tieWordEmbeddings,
        Integer bosTokenId,
        int[] eosTokenIds,
        String torchDtype,
        Integer slidingWindow) {

    public static final String FILE_NAME = "config.json";
    public static final List<String> SUPPORTED_ARCHITECTURES = List.of("LlamaForCausalLM", "MistralForCausalLM");
    public static final double DEFAULT_ROPE_THETA = 10000.0;

    public ModelConfig {
        architectures = List.copyOf(architectures);
        if (architectures.size() != 1 || !SUPPORTED_ARCHITECTURES.contains(architectures.getFirst())) {
            throw new IllegalArgumentException("unsupported architectures " + architectures + ": one of "
                    + SUPPORTED_ARCHITECTURES + " is required");
        }
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("head_dim", headDim);
        positive("vocab_size", vocabSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numAttentionHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headDim + " must be even for RoPE");
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new IllegalArgumentException("rms_norm_eps and rope_theta must be positive, got " + rmsNormEps
                    + " and " + ropeTheta);
        }
        if (bosTokenId != null) {
            tokenId("bos_token_id", bosTokenId, vocabSize);
        }
        eosTokenIds = eosTokenIds == null ? new int[0] : eosTokenIds.clone();
        for (int id : eosTokenIds) {
            tokenId("eos_token_id", id, vocabSize);
        }
        if (slidingWindow != null) {
            positive("sliding_window", slidingWindow);
        }
    }

    /** Reads {@code config.json} of a model directory. */
    public static ModelConfig read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + FILE_NAME);
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the text of a {@code config.json}; {@code source} names it in errors. */
    public static ModelConfig parse(String json, String source) {
        return ConfigJson.parse(json, source);
    }

    /** A {@code config.json} that transformers loads as this model. */
    public String toJson() {
        return ConfigJson.write(this);
    }

    public String architecture() {
        return architectures.getFirst();
    }

    @Override
    public int[] eosTokenIds() {
        return eosTokenIds.clone();
    }

    /** Value equality, the token id array included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig c && architectures.equals(c.architectures) && hiddenSize == c.hiddenSize
                && intermediateSize == c.intermediateSize && numHiddenLayers == c.numHiddenLayers
                && numAttentionHeads == c.numAttentionHeads && numKeyValueHeads == c.numKeyValueHeads
                && headDim == c.headDim && vocabSize == c.vocabSize
                && maxPositionEmbeddings == c.maxPositionEmbeddings
                && Double.compare(rmsNormEps, c.rmsNormEps) == 0 && Double.compare(ropeTheta, c.ropeTheta) == 0
                && Objects.equals(ropeScaling, c.ropeScaling) && tieWordEmbeddings == c.tieWordEmbeddings
                && Objects.equals(bosTokenId, c.bosTokenId) && Arrays.equals(eosTokenIds, c.eosTokenIds)
                && Objects.equals(torchDtype, c.torchDtype) && Objects.equals(slidingWindow, c.slidingWindow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(architectures, hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, headDim, vocabSize, maxPositionEmbeddings, rmsNormEps, ropeTheta, ropeScaling,
                tieWordEmbeddings, bosTokenId, Arrays.hashCode(eosTokenIds), torchDtype, slidingWindow);
    }

    @Override
    public String toString() {
        return "ModelConfig" + toJson();
    }

    /** Layers × KV heads × head dim: the page layout of this model's KV cache in {@code dtype}. */
    public BlockLayout kvLayout(DType dtype) {
        return new BlockLayout(numHiddenLayers, numKeyValueHeads, headDim, dtype);
    }

    /** Parameters of all weights, counting a tied embedding once. */
    public long parameterCount() {
        return LlamaTensors.expected(this).values().stream().mapToLong(Shapes::elements).sum();
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    private static void tokenId(String field, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException(field + " " + id + " is outside the vocabulary of " + vocabSize);
        }
    }
}
