package io.memserve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static final ModelShape SHAPE = new ModelShape(256, 32, 64, 2, 2, 1, 16, 128, 1e-5, 10000, null,
            DType.BF16, false);

    /** A model directory of {@code shape} with random weights, leaving out the {@code skipped} tensors. */
    private static Path model(Path out, ModelShape shape, Set<String> skipped) throws IOException {
        Files.createDirectories(out);
        ModelConfig config = shape.toConfig(1, 2);
        Files.writeString(out.resolve(ModelConfig.FILE_NAME), config.toJson());
        SafetensorsWriter w = new SafetensorsWriter();
        LlamaTensors.expected(config).forEach((name, dims) -> {
            if (!skipped.contains(name)) {
                w.add(name, shape.dtype(), dims, RandomWeights.forTensor(9, name, shape.dtype()));
            }
        });
        w.write(out.resolve(Checkpoint.SINGLE_FILE));
        return out;
    }

    @Test
    void shardedCheckpointReadsTheSameTensorsAsASingleFile() throws IOException {
        Path single = model(dir.resolve("single"), SHAPE, Set.of());
        Path sharded = dir.resolve("sharded");
        Files.createDirectories(sharded);
        Files.copy(single.resolve(ModelConfig.FILE_NAME), sharded.resolve(ModelConfig.FILE_NAME));
        SafetensorsWriter w = new SafetensorsWriter();
        try (Checkpoint c = Checkpoint.open(single)) {
            for (String name : c.tensorNames()) {
                Tensor t = c.tensor(name);
                w.add(name, t.dtype(), t.shape(), RandomWeights.forTensor(9, name, t.dtype()));
            }
        }
        w.writeSharded(sharded, 20_000);
        try (Stream<Path> files = Files.list(sharded)) {
            assertTrue(files.filter(f -> f.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors"))
                    .count() > 1, "several shards");
        }
        try (Checkpoint a = Checkpoint.open(single); Checkpoint b = Checkpoint.open(sharded)) {
            assertEquals(a.tensorNames(), b.tensorNames());
            for (String name : a.tensorNames()) {
                assertEquals(-1, a.tensor(name).data().mismatch(b.tensor(name).data()), name);
            }
            assertEquals("sharded", b.modelId());
        }
    }

    @Test
    void brokenShardIndexIsRefused() throws IOException {
        Path sharded = dir.resolve("m");
        Files.createDirectories(sharded);
        Files.writeString(sharded.resolve(ModelConfig.FILE_NAME), SHAPE.toConfig(1, 2).toJson());
        SafetensorsWriter w = new SafetensorsWriter();
        LlamaTensors.expected(SHAPE.toConfig(1, 2)).forEach((name, dims) ->
                w.add(name, SHAPE.dtype(), dims, RandomWeights.forTensor(9, name, SHAPE.dtype())));
        w.writeSharded(sharded, 20_000);
        Path index = sharded.resolve(ShardIndex.FILE_NAME);
        String good = Files.readString(index);
        String firstShard = "model-00001-of-";
        Files.writeString(index, good.replace("\"" + firstShard, "\"../" + firstShard));
        assertRefused(sharded, "not a file name inside the model directory");
        Files.writeString(index, good.replace(firstShard, "missing-00001-of-"));
        assertRefused(sharded, "does not exist");
        Files.writeString(index, good.replaceFirst("model-00002-of-", "model-00001-of-"));
        assertRefused(sharded, "places");
        Files.writeString(index, "{\"weight_map\": {}}");
        assertRefused(sharded, "weight_map is empty");
    }

    @Test
    void missingOrMisshapenWeightsAreNamed() throws IOException {
        assertRefused(model(dir.resolve("a"), SHAPE, Set.of(LlamaTensors.upProj(1))), LlamaTensors.upProj(1));
        Path wrong = model(dir.resolve("b"), SHAPE, Set.of());
        Files.writeString(wrong.resolve(ModelConfig.FILE_NAME),
                SHAPE.withHeads(2, 2).toConfig(1, 2).toJson());
        assertRefused(wrong, LlamaTensors.kProj(0) + " has shape [16, 32] but config.json implies [32, 32]");
        Path noWeights = dir.resolve("c");
        Files.createDirectories(noWeights);
        Files.writeString(noWeights.resolve(ModelConfig.FILE_NAME), SHAPE.toConfig(1, 2).toJson());
        assertRefused(noWeights, "no model.safetensors");
        assertRefused(dir.resolve("absent"), "not a model directory");
        Path noConfig = Files.createDirectories(dir.resolve("d"));
        assertRefused(noConfig, "no config.json");
    }

    @Test
    void tiedModelsNeedNoLmHead() throws IOException {
        ModelShape tied = SHAPE.withTiedEmbeddings(true);
        try (Checkpoint c = Checkpoint.open(model(dir.resolve("t"), tied, Set.of()))) {
            assertTrue(!c.has(LlamaTensors.LM_HEAD));
            assertEquals(tied.parameterCount(), c.config().parameterCount());
        }
    }

    @Test
    void askingForAnAbsentTensorOrUsingAClosedCheckpointFailsCleanly() throws IOException {
        Checkpoint c = Checkpoint.open(model(dir.resolve("m"), SHAPE, Set.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> c.tensor("model.layers.9.mlp.up_proj.weight"));
        assertTrue(e.getMessage().contains("model.layers.9.mlp.up_proj.weight"), e.getMessage());
        Tensor embed = c.tensor(LlamaTensors.EMBED_TOKENS);
        float before = embed.getFloat(0);
        assertEquals(before, embed.getFloat(0));
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> embed.getFloat(0));
    }

    private static void assertRefused(Path model, String fault) {
        var e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.open(model).close());
        assertTrue(e.getMessage().contains(fault), "says " + fault + ": " + e.getMessage());
    }
}
