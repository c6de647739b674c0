package io.memserve.bench.workload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The workloads by their command-line names; docs/workloads.md gives their distributions. */
public enum Workload {
    MULTI_TURN("multi-turn", new MultiTurnShape()),
    LONG_DOC("long-doc", new LongDocShape()),
    AGENT("agent", new AgentShape()),
    SHARED_PREFIX("shared-prefix", new SharedPrefixShape());

    private final String id;
    private final WorkloadShape shape;

    Workload(String id, WorkloadShape shape) {
        this.id = id;
        this.shape = shape;
    }

    public String id() {
        return id;
    }

    WorkloadShape shape() {
        return shape;
    }

    public static Workload fromId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
