package io.memserve.scheduler.routing;

import io.memserve.scheduler.config.SchedulerProperties;

/** The policy {@code MEMSERVE_POLICY} names. */
public final class Policies {
    private Policies() {
    }

    public static RoutingPolicy named(String name, SchedulerProperties.Routing routing,
            PromptLengthAverage promptLengths) {
        return switch (name) {
            case "round-robin" -> new RoundRobinPolicy();
            case "least-load" -> new LeastLoadPolicy();
            case "session" -> new SessionPolicy(routing.sessions());
            case "prompt-tree" -> new PromptTreePolicy(routing.loadWeight(), routing.remoteHitWeight(),
                    promptLengths);
            default -> throw new IllegalArgumentException("memserve.policy (MEMSERVE_POLICY) must be one of "
                    + "prompt-tree, least-load, session, round-robin; got '" + name + "'");
        };
    }
}
