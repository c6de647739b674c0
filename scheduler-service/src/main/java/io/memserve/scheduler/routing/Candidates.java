package io.memserve.scheduler.routing;

import java.util.List;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRole;

/**
 * The live instances of one role a policy picks from, with what it may weigh: each one's load and how much of the
 * prompt its pool holds.
 */
public record Candidates(InstanceRole role, List<InstanceRecord> instances, LoadView load, PrefixView prefixes) {
    public Candidates {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no live " + role.wire() + " instance to choose from");
        }
    }

    /** Running plus waiting sequences of an instance. */
    public interface LoadView {
        int load(InstanceRecord instance);
    }

    /** Tokens of the prompt that an instance's pool holds, in whole blocks. */
    public interface PrefixView {
        int matchedTokens(InstanceRecord instance, int[] prompt);
    }

    /** The least loaded instance; ties go to the first in id order. */
    public InstanceRecord leastLoaded() {
        InstanceRecord best = instances.getFirst();
        for (InstanceRecord candidate : instances) {
            if (load.load(candidate) < load.load(best)) {
                best = candidate;
            }
        }
        return best;
    }
}
