package io.memserve.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of transformers' LlamaForCausalLM: their names and their shapes, {@code [out, in]} for projections.
 * The generator writes exactly these and {@link Checkpoint} checks that a directory holds them.
 */
public final class LlamaTensors {

    public static final String EMBED_TOKENS = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private LlamaTensors() {
    }

    public static String inputNorm(int layer) {
        return layer(layer) + "input_layernorm.weight";
    }

    public static String qProj(int layer) {
        return layer(layer) + "self_attn.q_proj.weight";
    }

    public static String kProj(int layer) {
        return layer(layer) + "self_attn.k_proj.weight";
    }

    public static String vProj(int layer) {
        return layer(layer) + "self_attn.v_proj.weight";
    }

    public static String oProj(int layer) {
        return layer(layer) + "self_attn.o_proj.weight";
    }

    public static String postAttentionNorm(int layer) {
        return layer(layer) + "post_attention_layernorm.weight";
    }

    public static String gateProj(int layer) {
        return layer(layer) + "mlp.gate_proj.weight";
    }

    public static String upProj(int layer) {
        return layer(layer) + "mlp.up_proj.weight";
    }

    public static String downProj(int layer) {
        return layer(layer) + "mlp.down_proj.weight";
    }

    /** Whether a weight is an RMSNorm scale (initialised around 1, not around 0). */
    public static boolean isNorm(String name) {
        return name.endsWith("norm.weight");
    }

    /**
     * Every weight the model needs, in model order, with its shape; {@code lm_head.weight} only when the embedding
     * is not tied.
     */
    public static Map<String, long[]> expected(ModelConfig c) {
        long hidden = c.hiddenSize();
        long qDim = (long) c.numAttentionHeads() * c.headDim();
        long kvDim = (long) c.numKeyValueHeads() * c.headDim();
        long inter = c.intermediateSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(EMBED_TOKENS, new long[] {c.vocabSize(), hidden});
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            shapes.put(inputNorm(i), new long[] {hidden});
            shapes.put(qProj(i), new long[] {qDim, hidden});
            shapes.put(kProj(i), new long[] {kvDim, hidden});
            shapes.put(vProj(i), new long[] {kvDim, hidden});
            shapes.put(oProj(i), new long[] {hidden, qDim});
            shapes.put(postAttentionNorm(i), new long[] {hidden});
            shapes.put(gateProj(i), new long[] {inter, hidden});
            shapes.put(upProj(i), new long[] {inter, hidden});
            shapes.put(downProj(i), new long[] {hidden, inter});
        }
        shapes.put(FINAL_NORM, new long[] {hidden});
        if (!c.tieWordEmbeddings()) {
            shapes.put(LM_HEAD, new long[] {c.vocabSize(), hidden});
        }
        return shapes;
    }

    private static String layer(int i) {
        return "model.layers." + i + ".";
    }
}
