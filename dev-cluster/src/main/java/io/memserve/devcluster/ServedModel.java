package io.memserve.devcluster;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.ModelConfig;
import io.memserve.checkpoint.Preset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The model the cluster serves: a preset generated once into the model cache and reused after, or a Hugging Face model
 * directory given by path. A preset is served under its own name, a directory under the directory's name.
 */
public record ServedModel(Path directory, String name) {

    public static ServedModel resolve(String model, long seed, Path cache) {
        if (Arrays.stream(Preset.values()).anyMatch(p -> p.id().equals(model))) {
            Preset preset = Preset.fromId(model);
            return new ServedModel(generated(preset, seed, cache), preset.id());
        }
        Path directory = Path.of(model).toAbsolutePath().normalize();
        if (!Files.isRegularFile(directory.resolve(ModelConfig.FILE_NAME))) {
            throw new IllegalArgumentException("--model=" + model + " is neither a preset (tiny, bench) nor a model "
                    + "directory with a " + ModelConfig.FILE_NAME);
        }
        return new ServedModel(directory, directory.getFileName().toString());
    }

    /**
     * The generator writes config.json last, so its presence means a complete model. Generation goes to a private
     * directory that is then renamed, so two clusters starting at once never read a half-written one.
     */
    private static Path generated(Preset preset, long seed, Path cache) {
        Path target = cache.resolve(preset.id() + "-seed" + seed);
        if (Files.isRegularFile(target.resolve(ModelConfig.FILE_NAME))) {
            return target;
        }
        Path scratch = cache.resolve(".generating-" + preset.id() + "-seed" + seed + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(cache);
            CheckpointGenerator.generate(scratch, preset.shape(), seed);
            Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isRegularFile(target.resolve(ModelConfig.FILE_NAME))) {
                throw new UncheckedIOException("cannot generate the " + preset.id() + " model into " + target, e);
            }
            deleteTree(scratch);
        }
        return target;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
