package io.memserve.scheduler.routing;

import io.memserve.serving.api.InstanceRecord;

/**
 * Picks one instance of a role for a request. The router asks once per role it needs: the prefill and the decode
 * instance in disaggregated mode, the colocated instance otherwise.
 */
public interface RoutingPolicy {
    InstanceRecord pick(Candidates candidates, RouteRequest request);
}
