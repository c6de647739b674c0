package io.memserve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    private static final String LLAMA_3_1 = """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
             "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "vocab_size": 128256, "max_position_embeddings": 131072,
             "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "tie_word_embeddings": false,
             "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                              "original_max_position_embeddings": 8192, "rope_type": "llama3"},
             "bos_token_id": 128000, "eos_token_id": [128001, 128008, 128009], "torch_dtype": "bfloat16"}
            """;

    private static final String MINIMAL = """
            {"architectures": ["LlamaForCausalLM"], "hidden_size": 128, "intermediate_size": 344,
             "num_hidden_layers": 2, "num_attention_heads": 4, "vocab_size": 1000,
             "max_position_embeddings": 512, "rms_norm_eps": 1e-6}
            """;

    @Test
    void readsLlama31WithLlama3RopeScalingAndEosList() {
        ModelConfig c = ModelConfig.parse(LLAMA_3_1, "config.json");
        assertEquals("LlamaForCausalLM", c.architecture());
        assertEquals(8, c.numKeyValueHeads());
        assertEquals(128, c.headDim());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(RopeScaling.llama3(8.0, 1.0, 4.0, 8192), c.ropeScaling());
        assertEquals(128000, c.bosTokenId());
        assertArrayEquals(new int[] {128001, 128008, 128009}, c.eosTokenIds());
        assertEquals("bfloat16", c.torchDtype());
        assertNull(c.slidingWindow());
    }

    @Test
    void missingOptionalFieldsTakeTransformersDefaults() {
        ModelConfig c = ModelConfig.parse(MINIMAL, "config.json");
        assertEquals(4, c.numKeyValueHeads(), "no num_key_value_heads means multi-head attention");
        assertEquals(32, c.headDim(), "head_dim defaults to hidden_size / num_attention_heads");
        assertEquals(ModelConfig.DEFAULT_ROPE_THETA, c.ropeTheta());
        assertNull(c.ropeScaling());
        assertNull(c.bosTokenId());
        assertEquals(0, c.eosTokenIds().length);
        assertNull(c.torchDtype());
        assertEquals(false, c.tieWordEmbeddings());
    }

    @Test
    void eosAsSingleIntegerAndMistralSlidingWindow() {
        ModelConfig c = ModelConfig.parse(MINIMAL.replace("\"LlamaForCausalLM\"", "\"MistralForCausalLM\"")
                .replace("}", ", \"eos_token_id\": 2, \"sliding_window\": 4096, \"rope_scaling\": null}"),
                "config.json");
        assertArrayEquals(new int[] {2}, c.eosTokenIds());
        assertEquals(4096, c.slidingWindow());
        assertNull(c.ropeScaling());
    }

    @Test
    void readsTransformers5RopeParameters() {
        ModelConfig c = ModelConfig.parse(MINIMAL.replace("}", """
                , "rope_parameters": {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 32.0,
                  "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}}
                """), "config.json");
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(RopeScaling.llama3(32.0, 1.0, 4.0, 8192), c.ropeScaling());
        ModelConfig plain = ModelConfig.parse(MINIMAL.replace("}",
                ", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1e6}}"), "config.json");
        assertNull(plain.ropeScaling());
        assertEquals(1e6, plain.ropeTheta());
    }

    @Test
    void toJsonReadsBackEqual() {
        ModelConfig llama = ModelConfig.parse(LLAMA_3_1, "config.json");
        assertEquals(llama, ModelConfig.parse(llama.toJson(), "written"));
        ModelConfig minimal = ModelConfig.parse(MINIMAL, "config.json");
        assertEquals(minimal, ModelConfig.parse(minimal.toJson(), "written"));
        String json = llama.toJson();
        assertTrue(json.contains("\"model_type\" : \"llama\""), json);
        assertTrue(json.contains("\"hidden_act\" : \"silu\""), json);
        assertTrue(json.contains("\"attention_bias\" : false"), json);
        assertTrue(json.contains("\"mlp_bias\" : false"), json);
    }

    @Test
    void rejectsWhatTheEngineCannotRunWithAClearMessage() {
        var gpt2 = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(
                MINIMAL.replace("LlamaForCausalLM", "GPT2LMHeadModel"), "x/config.json"));
        assertTrue(gpt2.getMessage().contains("GPT2LMHeadModel"), gpt2.getMessage());
        assertTrue(gpt2.getMessage().startsWith("x/config.json"), gpt2.getMessage());
        var yarn = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(MINIMAL.replace("}",
                ", \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}}"), "config.json"));
        assertTrue(yarn.getMessage().contains("yarn"), yarn.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(
                MINIMAL.replace("\"hidden_size\": 128,", ""), "config.json"));
        assertTrue(missing.getMessage().contains("hidden_size"), missing.getMessage());
        var text = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(
                MINIMAL.replace("\"vocab_size\": 1000", "\"vocab_size\": \"1000\""), "config.json"));
        assertTrue(text.getMessage().contains("vocab_size must be an integer"), text.getMessage());
        var gqa = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(
                MINIMAL.replace("}", ", \"num_key_value_heads\": 3}"), "config.json"));
        assertTrue(gqa.getMessage().contains("num_key_value_heads"), gqa.getMessage());
        var eos = assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse(
                MINIMAL.replace("}", ", \"eos_token_id\": 1000}"), "config.json"));
        assertTrue(eos.getMessage().contains("eos_token_id"), eos.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse("[1, 2]", "config.json"));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.parse("{\"architectures\": ", "config.json"));
    }

    @Test
    void kvLayoutAndParameterCount() {
        ModelConfig c = ModelConfig.parse(LLAMA_3_1, "config.json");
        assertEquals(new BlockLayout(32, 8, 128, DType.BF16), c.kvLayout(DType.BF16));
        assertEquals(8_030_261_248L, c.parameterCount(), "Llama 3.1 8B");
    }
}
