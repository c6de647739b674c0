package io.memserve.serving.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One worker's registry entry: the fields of the hash {@code memserve:instance:<id>}. {@code pool} is the MemPool pool
 * on the worker's node, {@code running}/{@code waiting} count sequences, {@code updatedMs} is the writer's clock.
 */
public record InstanceRecord(String id, InstanceRole role, String url, String pool, String model, int maxContext,
        int running, int waiting, long freeKvPages, long updatedMs) {

    public static final String ROLE = "role";
    public static final String URL = "url";
    public static final String POOL = "pool";
    public static final String MODEL = "model";
    public static final String MAX_CONTEXT = "max_context";
    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String FREE_KV_PAGES = "free_kv_pages";
    public static final String UPDATED_MS = "updated_ms";

    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(ROLE, role.wire());
        hash.put(URL, url);
        hash.put(POOL, pool);
        hash.put(MODEL, model);
        hash.put(MAX_CONTEXT, Integer.toString(maxContext));
        hash.put(RUNNING, Integer.toString(running));
        hash.put(WAITING, Integer.toString(waiting));
        hash.put(FREE_KV_PAGES, Long.toString(freeKvPages));
        hash.put(UPDATED_MS, Long.toString(updatedMs));
        return hash;
    }

    /** Reads a hash written by {@link #toHash()}; a missing or malformed field is an error naming the instance. */
    public static InstanceRecord fromHash(String id, Map<String, String> hash) {
        return new InstanceRecord(id,
                InstanceRole.fromWire(field(id, hash, ROLE)),
                field(id, hash, URL),
                field(id, hash, POOL),
                field(id, hash, MODEL),
                Math.toIntExact(number(id, hash, MAX_CONTEXT)),
                Math.toIntExact(number(id, hash, RUNNING)),
                Math.toIntExact(number(id, hash, WAITING)),
                number(id, hash, FREE_KV_PAGES),
                number(id, hash, UPDATED_MS));
    }

    private static String field(String id, Map<String, String> hash, String name) {
        String value = hash.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("instance " + id + ": registry field '" + name + "' is missing");
        }
        return value;
    }

    private static long number(String id, Map<String, String> hash, String name) {
        String value = field(id, hash, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "instance " + id + ": registry field '" + name + "' is not a number: '" + value + "'", e);
        }
    }
}
