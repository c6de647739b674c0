package io.memserve.scheduler.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRole;

/** Each role's instances in turn, blind to load and cache. */
public final class RoundRobinPolicy implements RoutingPolicy {
    private final Map<InstanceRole, AtomicLong> turns = new ConcurrentHashMap<>();

    @Override
    public InstanceRecord pick(Candidates candidates, RouteRequest request) {
        long turn = turns.computeIfAbsent(candidates.role(), r -> new AtomicLong()).getAndIncrement();
        return candidates.instances().get((int) Math.floorMod(turn, (long) candidates.instances().size()));
    }
}
