package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes tensors in the safetensors format: the header lists {@code __metadata__ {"format": "pt"}} and the tensors
 * sorted by name, padded with spaces so the data starts on a 64-byte boundary (then every tensor whose predecessors
 * fill whole cache lines starts on one too, and vector loads of its rows never straddle two lines); the data follows
 * in the same order with no gaps, as the format requires. The file is sized up front, memory-mapped and filled in
 * parallel, then moved into place, so a reader never sees a half-written file under the final name.
 */
public final class SafetensorsWriter {

    private static final String SHARD_NAME = "model-%05d-of-%05d.safetensors";
    private static final int DATA_ALIGNMENT = 64;

    private final Map<String, Pending> tensors = new TreeMap<>();

    private record Pending(String name, DType dtype, long[] shape, long bytes, TensorFill fill) {
    }

    /** Adds a tensor whose bytes {@code fill} produces when the file is written. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, TensorFill fill) {
        if (name == null || name.isEmpty() || name.equals(SafetensorsFile.METADATA)) {
            throw new IllegalArgumentException("invalid tensor name " + name);
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor " + name + " added twice");
        }
        long[] copy = shape.clone();
        tensors.put(name, new Pending(name, dtype, copy, Shapes.bytes(copy, dtype), fill));
        return this;
    }

    /** Adds a tensor from its little-endian bytes. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, byte[] littleEndianBytes) {
        long expected = Shapes.bytes(shape, dtype);
        if (littleEndianBytes.length != expected) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " " + dtype
                    + " needs " + expected + " bytes, got " + littleEndianBytes.length);
        }
        byte[] copy = littleEndianBytes.clone();
        return add(name, dtype, shape, target -> MemorySegment.copy(MemorySegment.ofArray(copy), 0, target, 0,
                copy.length));
    }

    /** Adds a tensor from floats, stored rounded to {@code dtype}. */
    public SafetensorsWriter add(String name, DType dtype, long[] shape, float[] values) {
        if (values.length != Shapes.elements(shape)) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " has "
                    + Shapes.elements(shape) + " elements, got " + values.length + " values");
        }
        float[] copy = values.clone();
        return add(name, dtype, shape, target -> {
            for (int i = 0; i < copy.length; i++) {
                FloatCodec.write(target, dtype, i, copy[i]);
            }
        });
    }

    /** Writes every tensor into one file. */
    public void write(Path file) {
        writeFile(file, new ArrayList<>(tensors.values()));
    }

    /**
     * Writes the tensors into shards of at most {@code maxShardBytes} of data each (a larger tensor gets a shard of
     * its own), named {@code model-00001-of-0000N.safetensors}, plus {@code model.safetensors.index.json}.
     */
    public void writeSharded(Path dir, long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        List<List<Pending>> shards = new ArrayList<>();
        long shardBytes = 0;
        for (Pending t : tensors.values()) {
            if (shards.isEmpty() || (shardBytes + t.bytes > maxShardBytes && shardBytes > 0)) {
                shards.add(new ArrayList<>());
                shardBytes = 0;
            }
            shards.getLast().add(t);
            shardBytes += t.bytes;
        }
        Map<String, String> weightMap = new HashMap<>();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            String shardName = SHARD_NAME.formatted(i + 1, shards.size());
            writeFile(dir.resolve(shardName), shards.get(i));
            for (Pending t : shards.get(i)) {
                weightMap.put(t.name, shardName);
                total += t.bytes;
            }
        }
        AtomicFiles.writeString(dir.resolve(ShardIndex.FILE_NAME), new ShardIndex(weightMap, total).toJson());
    }

    private static void writeFile(Path file, List<Pending> list) {
        byte[] header = header(list);
        long dataBytes = list.stream().mapToLong(Pending::bytes).sum();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    Arena arena = Arena.ofShared()) {
                long size = Long.BYTES + header.length + dataBytes;
                MemorySegment out = channel.map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
                out.set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, header.length);
                MemorySegment.copy(MemorySegment.ofArray(header), 0, out, Long.BYTES, header.length);
                long[] offsets = new long[list.size()];
                long at = Long.BYTES + header.length;
                for (int i = 0; i < list.size(); i++) {
                    offsets[i] = at;
                    at += list.get(i).bytes;
                }
                IntStream.range(0, list.size()).parallel().forEach(i ->
                        list.get(i).fill.fill(out.asSlice(offsets[i], list.get(i).bytes)));
                out.force();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
        }
    }

    private static byte[] header(List<Pending> list) {
        ObjectNode root = JsonFields.MAPPER.createObjectNode();
        root.putObject(SafetensorsFile.METADATA).put("format", "pt");
        long offset = 0;
        for (Pending t : list) {
            ObjectNode entry = root.putObject(t.name);
            entry.put("dtype", t.dtype.safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.bytes);
            offset += t.bytes;
        }
        byte[] json = JsonFields.MAPPER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        int dataStart = (Long.BYTES + json.length + DATA_ALIGNMENT - 1) / DATA_ALIGNMENT * DATA_ALIGNMENT;
        int padded = dataStart - Long.BYTES;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
