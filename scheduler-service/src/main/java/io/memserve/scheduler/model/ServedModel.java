package io.memserve.scheduler.model;

import java.nio.file.Path;
import java.time.Instant;

import io.memserve.checkpoint.ModelConfig;
import io.memserve.tokenizer.Tokenizer;

/**
 * The one model this cluster serves: its public name, tokenizer and chat template, context length and vocabulary
 * (from config.json, the numbers the engine enforces), and when the scheduler started serving it.
 */
public record ServedModel(String name, Tokenizer tokenizer, int maxContext, int vocabSize, int[] eosIds,
        long createdEpochSeconds) {

    public static ServedModel load(String name, Path modelDir) {
        ModelConfig config = ModelConfig.read(modelDir);
        Tokenizer tokenizer = Tokenizer.load(modelDir);
        return new ServedModel(name, tokenizer, config.maxPositionEmbeddings(), config.vocabSize(),
                tokenizer.eosIds(), Instant.now().getEpochSecond());
    }
}
