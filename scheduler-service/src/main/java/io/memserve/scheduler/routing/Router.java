package io.memserve.scheduler.routing;

import java.util.List;

import io.memserve.openai.OpenAiErrors;
import io.memserve.scheduler.registry.InstanceRegistry;
import io.memserve.scheduler.registry.LiveInstances;
import io.memserve.scheduler.tree.PromptTrees;
import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRole;

/**
 * Picks where a request runs: one colocated instance when the registry has any, otherwise a prefill and a decode
 * instance. With caching on, the prompt is recorded in the chosen pools' trees right away: the prefill pool keeps the
 * prompt's blocks and the decode pool receives them in the handoff.
 */
public final class Router {
    private final InstanceRegistry registry;
    private final PromptTrees trees;
    private final RoutingPolicy policy;
    private final boolean cache;
    private final InFlightCounts inFlight = new InFlightCounts();
    private final PromptLengthAverage promptLengths;

    public Router(InstanceRegistry registry, PromptTrees trees, RoutingPolicy policy, boolean cache,
            PromptLengthAverage promptLengths) {
        this.registry = registry;
        this.trees = trees;
        this.policy = policy;
        this.cache = cache;
        this.promptLengths = promptLengths;
    }

    public Route route(RouteRequest request) {
        LiveInstances live = registry.live();
        promptLengths.record(request.promptTokenIds().length);
        if (live.colocated()) {
            InstanceRecord instance = pick(live, InstanceRole.COLOCATED, request);
            return new Route.Colocated(instance, inFlight.add(instance));
        }
        InstanceRecord prefill = pick(live, InstanceRole.PREFILL, request);
        InstanceRecord decode = pick(live, InstanceRole.DECODE, request);
        Runnable releasePrefill = inFlight.add(prefill);
        Runnable releaseDecode = inFlight.add(decode);
        return new Route.Disaggregated(prefill, decode, () -> {
            releasePrefill.run();
            releaseDecode.run();
        });
    }

    private InstanceRecord pick(LiveInstances live, InstanceRole role, RouteRequest request) {
        List<InstanceRecord> instances = live.withRole(role);
        if (instances.isEmpty()) {
            throw OpenAiErrors.serviceUnavailable("No live " + role.wire() + " instance is registered; retry shortly.");
        }
        InstanceRecord chosen = policy.pick(new Candidates(role, instances, inFlight,
                (instance, prompt) -> trees.matchedTokens(instance.pool(), prompt)), request);
        if (cache) {
            trees.routed(chosen.pool(), request.promptTokenIds());
        }
        return chosen;
    }
}
