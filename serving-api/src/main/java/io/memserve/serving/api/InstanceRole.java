package io.memserve.serving.api;

import java.util.Arrays;

/** What a worker does; {@link #wire()} is the {@code role} field of its registry entry. */
public enum InstanceRole {
    PREFILL("prefill"),
    DECODE("decode"),
    COLOCATED("colocated");

    private final String wire;

    InstanceRole(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static InstanceRole fromWire(String value) {
        return Arrays.stream(values())
                .filter(role -> role.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown instance role '" + value + "': expected prefill, decode or colocated"));
    }
}
