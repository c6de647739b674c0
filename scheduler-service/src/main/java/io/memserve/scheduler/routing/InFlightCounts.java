package io.memserve.scheduler.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.memserve.serving.api.InstanceRecord;

/**
 * Requests this scheduler has sent to each instance and not yet seen finish. The registry's counts lag by up to a
 * heartbeat, so a burst would all land on the instance that looked idle; the larger of the two is the load.
 */
public final class InFlightCounts implements Candidates.LoadView {
    private final Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();

    public Runnable add(InstanceRecord instance) {
        AtomicInteger count = byInstance.computeIfAbsent(instance.id(), id -> new AtomicInteger());
        count.incrementAndGet();
        return count::decrementAndGet;
    }

    @Override
    public int load(InstanceRecord instance) {
        AtomicInteger local = byInstance.get(instance.id());
        return Math.max(instance.running() + instance.waiting(), local == null ? 0 : local.get());
    }
}
