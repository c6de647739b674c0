package io.memserve.scheduler.registry;

import java.util.List;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRole;

/** The instances whose alive key existed at the last refresh, in id order. */
public record LiveInstances(List<InstanceRecord> all) {
    public static final LiveInstances NONE = new LiveInstances(List.of());

    public LiveInstances {
        all = all.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public List<InstanceRecord> withRole(InstanceRole role) {
        return all.stream().filter(i -> i.role() == role).toList();
    }

    /** The mode follows the registry: any colocated instance makes the cluster colocated. */
    public boolean colocated() {
        return all.stream().anyMatch(i -> i.role() == InstanceRole.COLOCATED);
    }
}
