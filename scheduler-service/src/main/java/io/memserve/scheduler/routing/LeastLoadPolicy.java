package io.memserve.scheduler.routing;

import io.memserve.serving.api.InstanceRecord;

/** The instance with the fewest running plus waiting sequences. */
public final class LeastLoadPolicy implements RoutingPolicy {
    @Override
    public InstanceRecord pick(Candidates candidates, RouteRequest request) {
        return candidates.leastLoaded();
    }
}
