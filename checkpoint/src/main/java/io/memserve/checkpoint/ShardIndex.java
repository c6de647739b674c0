package io.memserve.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code model.safetensors.index.json}: which shard file holds each tensor of a sharded checkpoint.
 *
 * @param weightMap tensor name → shard file name (a plain file name in the model directory)
 * @param totalSize bytes of tensor data over all shards, -1 when the index does not say
 */
record ShardIndex(Map<String, String> weightMap, long totalSize) {

    static final String FILE_NAME = "model.safetensors.index.json";

    ShardIndex {
        weightMap = Map.copyOf(weightMap);
    }

    static ShardIndex read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonFields root = JsonFields.parse(json, file.toString());
        JsonFields weights = root.object("weight_map");
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : weights.node().properties()) {
            String shard = weights.requireString(e.getKey());
            if (!isPlainFileName(shard)) {
                throw new IllegalArgumentException(file + ": tensor " + e.getKey() + " names shard " + shard
                        + ", which is not a file name inside the model directory");
            }
            map.put(e.getKey(), shard);
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException(file + ": weight_map is empty");
        }
        long total = root.has("metadata") && root.object("metadata").has("total_size")
                ? root.object("metadata").requireLong("total_size") : -1;
        return new ShardIndex(map, total);
    }

    String toJson() {
        ObjectNode root = JsonFields.MAPPER.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode weights = root.putObject("weight_map");
        new TreeMap<>(weightMap).forEach(weights::put);
        return JsonFields.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }
}
