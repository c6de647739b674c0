package io.memserve.checkpoint;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Hugging Face model directory opened for reading: {@code config.json} parsed, and the weights of
 * {@code model.safetensors} (or of the shards a {@code model.safetensors.index.json} names) memory-mapped, each file
 * once. Opening checks that every weight the config implies is there with the right shape. Tensor data stays valid
 * until {@link #close()}; touching it afterwards throws instead of reading unmapped memory.
 */
public final class Checkpoint implements AutoCloseable {

    public static final String SINGLE_FILE = "model.safetensors";

    private final Path dir;
    private final ModelConfig config;
    private final Map<String, Tensor> tensors;
    private final Arena arena;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Checkpoint(Path dir, ModelConfig config, Map<String, Tensor> tensors, Arena arena) {
        this.dir = dir;
        this.config = config;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.arena = arena;
    }

    public static Checkpoint open(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(absolute + " is not a model directory");
        }
        ModelConfig config = ModelConfig.read(absolute);
        Arena arena = Arena.ofShared();
        try {
            Map<String, Tensor> tensors = mapWeights(absolute, arena);
            checkLlamaWeights(absolute, config, tensors);
            return new Checkpoint(absolute, config, tensors, arena);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The directory's name, which is how the cluster names the model (the generator names it after its preset). */
    public String modelId() {
        Path name = dir.getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    public ModelConfig config() {
        return config;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(dir + " has no tensor " + name);
        }
        return t;
    }

    public Set<String> tensorNames() {
        return tensors.keySet();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arena.close();
        }
    }

    private static Map<String, Tensor> mapWeights(Path dir, Arena arena) {
        Path index = dir.resolve(ShardIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return mapShards(dir, ShardIndex.read(index), arena);
        }
        Path single = dir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return SafetensorsFile.map(single, arena);
        }
        throw new IllegalArgumentException(dir + ": no " + SINGLE_FILE + " and no " + ShardIndex.FILE_NAME);
    }

    private static Map<String, Tensor> mapShards(Path dir, ShardIndex index, Arena arena) {
        Map<String, Tensor> tensors = new TreeMap<>();
        for (String shard : new TreeMap<>(index.weightMap()).values().stream().distinct().toList()) {
            Path file = dir.resolve(shard);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(dir.resolve(ShardIndex.FILE_NAME) + " names shard " + shard
                        + ", which does not exist");
            }
            for (Map.Entry<String, Tensor> e : SafetensorsFile.map(file, arena).entrySet()) {
                if (!shard.equals(index.weightMap().get(e.getKey()))) {
                    throw new IllegalArgumentException(file + " holds tensor " + e.getKey() + ", which "
                            + ShardIndex.FILE_NAME + " places in " + index.weightMap().get(e.getKey()));
                }
                tensors.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
            if (!tensors.containsKey(e.getKey())) {
                throw new IllegalArgumentException(ShardIndex.FILE_NAME + " places tensor " + e.getKey() + " in "
                        + dir.resolve(e.getValue()) + ", which does not hold it");
            }
        }
        return new LinkedHashMap<>(tensors);
    }

    private static void checkLlamaWeights(Path dir, ModelConfig config, Map<String, Tensor> tensors) {
        for (Map.Entry<String, long[]> e : LlamaTensors.expected(config).entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(dir + " lacks weight " + e.getKey() + " that config.json implies");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException(dir + ": weight " + e.getKey() + " has shape "
                        + Arrays.toString(t.shape()) + " but config.json implies " + Arrays.toString(e.getValue()));
            }
        }
        Tensor head = tensors.get(LlamaTensors.LM_HEAD);
        if (head != null && config.tieWordEmbeddings()
                && !Arrays.equals(head.shape(), new long[] {config.vocabSize(), config.hiddenSize()})) {
            throw new IllegalArgumentException(dir + ": weight " + LlamaTensors.LM_HEAD + " has shape "
                    + Arrays.toString(head.shape()) + ", not [vocab_size, hidden_size]");
        }
    }
}
