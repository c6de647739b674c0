package io.memserve.serving.api;

import java.time.Duration;

/**
 * Redis key names of the instance registry (docs/serving-internals.md): a set of ids, one hash per instance, and an
 * alive key whose TTL says the instance still heartbeats.
 */
public final class InstanceRegistryKeys {

    public static final String INSTANCES = "memserve:instances";
    public static final Duration DEFAULT_ALIVE_TTL = Duration.ofMillis(3000);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(1000);

    private static final String INSTANCE_PREFIX = "memserve:instance:";

    private InstanceRegistryKeys() {
    }

    public static String instance(String id) {
        return INSTANCE_PREFIX + requireId(id);
    }

    public static String alive(String id) {
        return INSTANCE_PREFIX + requireId(id) + ":alive";
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank() || id.contains(":")) {
            throw new IllegalArgumentException("instance id must be non-blank and free of ':': '" + id + "'");
        }
        return id;
    }
}
