package io.memserve.scheduler.tree;

import java.util.Arrays;
import java.util.Map;

import io.memserve.kvblock.BlockKey;

/**
 * One entry of the {@code memserve:kv-events} stream (docs/mempool-redis.md): a block {@code stored} in a pool, with
 * its parent key, model, layout and 16 token ids, or {@code removed} from it.
 */
public sealed interface KvEvent {
    String pool();

    BlockKey key();

    record Stored(String pool, BlockKey key, BlockKey parent, String model, String layout, int[] tokens)
            implements KvEvent {
    }

    record Removed(String pool, BlockKey key) implements KvEvent {
    }

    /** Reads a stream entry's fields; an entry that is not a well-formed event is an error naming the field. */
    static KvEvent parse(Map<String, String> fields) {
        String type = required(fields, "type");
        String pool = required(fields, "pool");
        BlockKey key = BlockKey.parse(required(fields, "key"));
        return switch (type) {
            case "stored" -> new Stored(pool, key, BlockKey.parse(required(fields, "parent")),
                    required(fields, "model"), required(fields, "layout"), tokens(required(fields, "tokens")));
            case "removed" -> new Removed(pool, key);
            default -> throw new IllegalArgumentException("unknown KV event type '" + type + "'");
        };
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("KV event without '" + name + "': " + fields);
        }
        return value;
    }

    private static int[] tokens(String csv) {
        try {
            return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KV event tokens are not integers: " + csv, e);
        }
    }
}
