package io.memserve.checkpoint;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code config.json} ⇄ {@link ModelConfig}. Reads both transformers 4 ({@code rope_theta} + {@code rope_scaling})
 * and transformers 5 ({@code rope_parameters}, {@code dtype}) spellings, and writes both rope spellings so either
 * version loads the file the same way.
 */
final class ConfigJson {

    private ConfigJson() {
    }

    static ModelConfig parse(String json, String source) {
        JsonFields f = JsonFields.parse(json, source);
        List<String> architectures = f.requireStrings("architectures");
        int hidden = f.requireInt("hidden_size");
        int intermediate = f.requireInt("intermediate_size");
        int layers = f.requireInt("num_hidden_layers");
        int heads = f.requireInt("num_attention_heads");
        Integer kvHeads = f.optInt("num_key_value_heads");
        Integer headDim = f.optInt("head_dim");
        if (headDim == null && (heads <= 0 || hidden % heads != 0)) {
            throw f.error("hidden_size", hidden + " is not a multiple of num_attention_heads " + heads
                    + " and no head_dim is given");
        }
        int vocab = f.requireInt("vocab_size");
        int maxPositions = f.requireInt("max_position_embeddings");
        double eps = f.requireDouble("rms_norm_eps");
        JsonFields rope = f.has("rope_parameters") ? f.object("rope_parameters")
                : f.has("rope_scaling") ? f.object("rope_scaling") : null;
        double ropeTheta = rope != null && rope.has("rope_theta") ? rope.requireDouble("rope_theta")
                : f.optDouble("rope_theta", ModelConfig.DEFAULT_ROPE_THETA);
        RopeScaling scaling = rope == null ? null : ropeScaling(rope);
        boolean tied = f.optBoolean("tie_word_embeddings", false);
        Integer bos = f.optInt("bos_token_id");
        int[] eos = f.has("eos_token_id") ? toInts(f, "eos_token_id") : new int[0];
        String dtype = f.has("dtype") ? f.requireString("dtype") : f.optString("torch_dtype");
        Integer slidingWindow = f.optInt("sliding_window");
        try {
            return new ModelConfig(architectures, hidden, intermediate, layers, heads,
                    kvHeads == null ? heads : kvHeads, headDim == null ? hidden / heads : headDim, vocab,
                    maxPositions, eps, ropeTheta, scaling, tied, bos, eos, dtype, slidingWindow);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static RopeScaling ropeScaling(JsonFields rope) {
        String type = rope.has("rope_type") ? rope.requireString("rope_type") : rope.optString("type");
        if (type == null || type.equals("default")) {
            return null;
        }
        if (!type.equals(RopeScaling.LLAMA3)) {
            throw rope.error("rope_type", type + " is not supported (llama3 and default are)");
        }
        double factor = rope.requireDouble("factor");
        double low = rope.requireDouble("low_freq_factor");
        double high = rope.requireDouble("high_freq_factor");
        int originalMax = rope.requireInt("original_max_position_embeddings");
        try {
            return RopeScaling.llama3(factor, low, high, originalMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(rope.where() + ": " + e.getMessage(), e);
        }
    }

    private static int[] toInts(JsonFields f, String field) {
        long[] values = f.requireNonNegativeLongs(field, true);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] > Integer.MAX_VALUE) {
                throw f.error(field, "holds " + values[i] + ", not a token id");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    static String write(ModelConfig c) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.putArray("architectures").addAll(strings(c.architectures()));
        o.put("model_type", c.architecture().equals("MistralForCausalLM") ? "mistral" : "llama");
        o.put("hidden_size", c.hiddenSize());
        o.put("intermediate_size", c.intermediateSize());
        o.put("num_hidden_layers", c.numHiddenLayers());
        o.put("num_attention_heads", c.numAttentionHeads());
        o.put("num_key_value_heads", c.numKeyValueHeads());
        o.put("head_dim", c.headDim());
        o.put("vocab_size", c.vocabSize());
        o.put("max_position_embeddings", c.maxPositionEmbeddings());
        o.put("rms_norm_eps", c.rmsNormEps());
        o.put("hidden_act", "silu");
        o.put("attention_bias", false);
        o.put("attention_dropout", 0.0);
        o.put("mlp_bias", false);
        o.put("initializer_range", 0.02);
        o.put("pretraining_tp", 1);
        o.put("use_cache", true);
        o.put("tie_word_embeddings", c.tieWordEmbeddings());
        o.put("rope_theta", c.ropeTheta());
        ObjectNode parameters = o.putObject("rope_parameters");
        if (c.ropeScaling() == null) {
            o.putNull("rope_scaling");
            parameters.put("rope_type", "default");
        } else {
            putScaling(o.putObject("rope_scaling"), c.ropeScaling());
            putScaling(parameters, c.ropeScaling());
        }
        parameters.put("rope_theta", c.ropeTheta());
        if (c.bosTokenId() != null) {
            o.put("bos_token_id", c.bosTokenId());
        }
        int[] eos = c.eosTokenIds();
        if (eos.length == 1) {
            o.put("eos_token_id", eos[0]);
        } else if (eos.length > 1) {
            ArrayNode list = o.putArray("eos_token_id");
            for (int id : eos) {
                list.add(id);
            }
        }
        if (c.torchDtype() != null) {
            o.put("dtype", c.torchDtype());
        }
        if (c.slidingWindow() != null) {
            o.put("sliding_window", c.slidingWindow());
        }
        return JsonFields.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }

    private static void putScaling(ObjectNode o, RopeScaling s) {
        o.put("rope_type", s.ropeType());
        o.put("factor", s.factor());
        o.put("low_freq_factor", s.lowFreqFactor());
        o.put("high_freq_factor", s.highFreqFactor());
        o.put("original_max_position_embeddings", s.originalMaxPositionEmbeddings());
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JsonFields.MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
