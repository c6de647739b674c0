package io.memserve.checkpoint;

import io.memserve.tokenizer.GeneratedTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a complete Hugging Face Llama model directory with deterministic random weights: config.json,
 * generation_config.json, model.safetensors (every tensor LlamaForCausalLM expects) and a tokenizer of the model's
 * vocabulary size. The same shape and seed always give the same bytes, so a generated model can stand in for a
 * downloaded one in tests, in the dev cluster and in benchmarks.
 */
public final class CheckpointGenerator {

    public static final String GENERATION_CONFIG = "generation_config.json";

    private CheckpointGenerator() {
    }

    /** {@code CheckpointGenerator <parent-dir> <tiny|bench> [seed]}: generates a preset, prints where and how fast. */
    public static void main(String[] args) {
        String usage = "usage: CheckpointGenerator <parent-dir> <tiny|bench> [seed]";
        if (args.length < 2 || args.length > 3) {
            System.err.println(usage);
            System.exit(2);
        }
        Preset preset;
        long seed;
        try {
            preset = Preset.fromId(args[1]);
            seed = args.length == 3 ? Long.parseLong(args[2]) : 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + usage);
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        Path out = generate(Path.of(args[0]), preset, seed);
        System.out.printf("%s generated in %.2f s%n", out, (System.nanoTime() - start) / 1e9);
    }

    /** Generates {@code preset} into {@code parent/<preset id>} and returns that directory. */
    public static Path generate(Path parent, Preset preset, long seed) {
        return generate(parent.resolve(preset.id()), preset.shape(), seed);
    }

    /** Generates a model of {@code shape} into {@code out} (created if needed; files there are replaced). */
    public static Path generate(Path out, ModelShape shape, long seed) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        GeneratedTokenizer.Info tokenizer = GeneratedTokenizer.write(out, shape.vocabSize(), seed);
        ModelConfig config = shape.toConfig(tokenizer.bosId(), tokenizer.eosId());
        SafetensorsWriter weights = new SafetensorsWriter();
        LlamaTensors.expected(config).forEach((name, dims) ->
                weights.add(name, shape.dtype(), dims, RandomWeights.forTensor(seed, name, shape.dtype())));
        weights.write(out.resolve(Checkpoint.SINGLE_FILE));
        AtomicFiles.writeString(out.resolve(GENERATION_CONFIG), generationConfig(config));
        // Written last, so a run cut short leaves a directory that does not open as a model.
        AtomicFiles.writeString(out.resolve(ModelConfig.FILE_NAME), config.toJson());
        return out;
    }

    private static String generationConfig(ModelConfig config) {
        ObjectNode o = JsonFields.MAPPER.createObjectNode();
        o.put("bos_token_id", config.bosTokenId());
        o.put("eos_token_id", config.eosTokenIds()[0]);
        o.put("do_sample", false);
        return JsonFields.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}
