package io.memserve.engine.cli;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.ModelShape;
import io.memserve.checkpoint.Preset;
import io.memserve.checkpoint.RopeScaling;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a random-weight checkpoint of a preset shape, optionally varied (for the reference checks). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic random-weight Llama checkpoint (config.json, safetensors, tokenizer).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--preset", required = true, description = "tiny or bench")
    String preset;

    @Option(names = "--out", required = true, description = "model directory to write; its name is the model id")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "weight seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--layers", description = "override the number of layers")
    Integer layers;

    @Option(names = "--heads", description = "override the attention heads (with --kv-heads)")
    Integer heads;

    @Option(names = "--kv-heads", description = "override the key/value heads (with --heads)")
    Integer kvHeads;

    @Option(names = "--tied-embeddings", negatable = true, description = "share the embedding with the output layer")
    Boolean tied;

    @Option(names = "--llama3-rope-factor",
            description = "add llama3 rope scaling with this factor (low 1, high 4, original context 64)")
    Double llama3RopeFactor;

    @Override
    public Integer call() {
        ModelShape shape = Preset.fromId(preset).shape();
        if (layers != null) {
            shape = shape.withLayers(layers);
        }
        if ((heads == null) != (kvHeads == null)) {
            throw new IllegalArgumentException("--heads and --kv-heads go together");
        }
        if (heads != null) {
            shape = shape.withHeads(heads, kvHeads);
        }
        if (tied != null) {
            shape = shape.withTiedEmbeddings(tied);
        }
        if (llama3RopeFactor != null) {
            shape = shape.withRope(shape.ropeTheta(), RopeScaling.llama3(llama3RopeFactor, 1, 4, 64));
        }
        CheckpointGenerator.generate(out, shape, seed);
        System.out.println("wrote " + out.toAbsolutePath() + " (" + shape.parameterCount() + " parameters, "
                + shape.dtype() + ")");
        return 0;
    }
}
