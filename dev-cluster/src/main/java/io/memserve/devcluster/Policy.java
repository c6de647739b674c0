package io.memserve.devcluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scheduler's routing policies, named as {@code MEMSERVE_POLICY} takes them. */
public enum Policy {
    PROMPT_TREE,
    LEAST_LOAD,
    SESSION,
    ROUND_ROBIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Policy fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + id + "' (expected one of "
                        + Arrays.stream(values()).map(Policy::id).collect(Collectors.joining(", ")) + ")"));
    }
}
