package io.memserve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void tinyPresetIsACompleteLlamaDirectory() {
        Path model = CheckpointGenerator.generate(dir, Preset.TINY, 42);
        assertEquals(dir.resolve("tiny"), model);
        for (String file : List.of("config.json", "generation_config.json", "model.safetensors", "tokenizer.json",
                "tokenizer_config.json")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
        try (Checkpoint c = Checkpoint.open(model)) {
            assertEquals("tiny", c.modelId());
            ModelConfig config = c.config();
            assertEquals(Preset.TINY.shape().toConfig(config.bosTokenId(), config.eosTokenIds()[0]), config);
            assertEquals(LlamaTensors.expected(config).keySet(), c.tensorNames());
            assertTrue(c.has(LlamaTensors.LM_HEAD));
            for (String name : c.tensorNames()) {
                assertEquals(DType.F32, c.tensor(name).dtype(), name);
            }
            assertArrayEquals(new long[] {344, 128}, c.tensor(LlamaTensors.gateProj(3)).shape());
            assertArrayEquals(new long[] {64, 128}, c.tensor(LlamaTensors.kProj(0)).shape());
        }
    }

    @Test
    void weightsAreSmallNormalsAndNormScalesSitAroundOne() {
        ModelShape shape = small().withDtype(DType.F32);
        try (Checkpoint c = Checkpoint.open(CheckpointGenerator.generate(dir.resolve("m"), shape, 7))) {
            double[] linear = moments(c.tensor(LlamaTensors.qProj(0)));
            assertEquals(0, linear[0], 0.002);
            assertEquals(RandomWeights.LINEAR_STD, linear[1], 0.002);
            double[] norm = moments(c.tensor(LlamaTensors.inputNorm(1)));
            assertEquals(1, norm[0], 0.05);
            assertEquals(RandomWeights.NORM_STD, norm[1], 0.03, "norm scales are not all 1");
        }
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherWeights() throws IOException {
        ModelShape shape = small();
        Map<String, String> first = hashes(CheckpointGenerator.generate(dir.resolve("a"), shape, 1234));
        Map<String, String> second = hashes(CheckpointGenerator.generate(dir.resolve("b"), shape, 1234));
        Map<String, String> other = hashes(CheckpointGenerator.generate(dir.resolve("c"), shape, 1235));
        assertEquals(first, second);
        assertNotEquals(first.get("model.safetensors"), other.get("model.safetensors"));
    }

    @Test
    void customShapesTheEngineTestsUse() {
        RopeScaling llama3 = RopeScaling.llama3(8, 1, 4, 256);
        for (ModelShape shape : List.of(
                small().withTiedEmbeddings(true).withDtype(DType.BF16),
                small().withHeads(4, 4).withDtype(DType.F16),
                small().withHeads(8, 2).withRope(500000, llama3))) {
            Path out = CheckpointGenerator.generate(dir.resolve("m" + shape.hashCode()), shape, 3);
            try (Checkpoint c = Checkpoint.open(out)) {
                ModelConfig config = c.config();
                assertEquals(shape.tieWordEmbeddings(), config.tieWordEmbeddings());
                assertEquals(!shape.tieWordEmbeddings(), c.has(LlamaTensors.LM_HEAD));
                assertEquals(shape.numKeyValueHeads(), config.numKeyValueHeads());
                assertEquals(shape.ropeScaling(), config.ropeScaling());
                assertEquals(shape.dtype(), c.tensor(LlamaTensors.EMBED_TOKENS).dtype());
                assertEquals(shape.parameterCount(), c.tensorNames().stream()
                        .mapToLong(n -> c.tensor(n).elements()).sum());
            }
        }
    }

    @Test
    void presetsHaveTheAdvertisedSizes() {
        long tiny = Preset.TINY.shape().parameterCount();
        long bench = Preset.BENCH.shape().parameterCount();
        assertTrue(tiny > 900_000 && tiny < 1_100_000, "tiny has " + tiny);
        assertTrue(bench > 120_000_000 && bench < 130_000_000, "bench has " + bench);
        assertEquals(DType.BF16, Preset.BENCH.shape().dtype());
        assertEquals(Preset.BENCH, Preset.fromId("bench"));
        assertFalse(Preset.BENCH.shape().tieWordEmbeddings());
    }

    /** A shape small enough to generate in milliseconds. */
    static ModelShape small() {
        return new ModelShape(512, 64, 160, 2, 4, 2, 16, 256, 1e-5, 10000, null, DType.F32, false);
    }

    private static double[] moments(Tensor t) {
        double sum = 0;
        double squares = 0;
        for (long i = 0; i < t.elements(); i++) {
            sum += t.getFloat(i);
            squares += (double) t.getFloat(i) * t.getFloat(i);
        }
        double mean = sum / t.elements();
        return new double[] {mean, Math.sqrt(squares / t.elements() - mean * mean)};
    }

    private static Map<String, String> hashes(Path model) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), sha256(Files.readAllBytes(f)));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
