package io.memserve.scheduler.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.memserve.serving.api.InstanceRecord;

/**
 * Sticky by {@code X-Session-Id}: a session's requests go where its first one went, as long as that instance lives;
 * otherwise (or without a session id) the least loaded instance takes it. The most recent {@code capacity} sessions
 * are remembered.
 */
public final class SessionPolicy implements RoutingPolicy {
    private final Map<String, String> instanceBySession;

    public SessionPolicy(int capacity) {
        this.instanceBySession = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public InstanceRecord pick(Candidates candidates, RouteRequest request) {
        if (request.sessionId() == null) {
            return candidates.leastLoaded();
        }
        String key = candidates.role().wire() + "\n" + request.sessionId();
        synchronized (instanceBySession) {
            String remembered = instanceBySession.get(key);
            InstanceRecord pick = candidates.instances().stream()
                    .filter(i -> i.id().equals(remembered))
                    .findFirst()
                    .orElseGet(candidates::leastLoaded);
            instanceBySession.put(key, pick.id());
            return pick;
        }
    }
}
