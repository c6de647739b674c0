package io.memserve.devcluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the workers split a request: prefill and decode on separate instances, or both in one (the baseline). */
public enum Mode {
    DISAGGREGATED,
    COLOCATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + id + "' (expected one of "
                        + Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", ")) + ")"));
    }
}
