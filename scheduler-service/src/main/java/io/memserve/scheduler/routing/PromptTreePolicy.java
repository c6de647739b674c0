package io.memserve.scheduler.routing;

import java.util.function.DoubleSupplier;

import io.memserve.serving.api.InstanceRecord;

/**
 * Longest cached prefix, weighed against load:
 * {@code score = matched_tokens − α · load · avg_prompt_tokens}, highest score wins, ties go to the least loaded
 * (then the first in id order). One queued or running sequence thus costs α average prompts of cached prefix, so a
 * hot instance keeps its conversations only while its queue is short enough that recomputing elsewhere would be
 * slower. α is {@code memserve.routing.load-weight}.
 */
public final class PromptTreePolicy implements RoutingPolicy {
    private final double loadWeight;
    private final DoubleSupplier averagePromptTokens;

    public PromptTreePolicy(double loadWeight, DoubleSupplier averagePromptTokens) {
        this.loadWeight = loadWeight;
        this.averagePromptTokens = averagePromptTokens;
    }

    @Override
    public InstanceRecord pick(Candidates candidates, RouteRequest request) {
        double loadCost = loadWeight * averagePromptTokens.getAsDouble();
        InstanceRecord best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestLoad = Integer.MAX_VALUE;
        for (InstanceRecord candidate : candidates.instances()) {
            int load = candidates.load().load(candidate);
            double score = candidates.prefixes().matchedTokens(candidate, request.promptTokenIds()) - loadCost * load;
            if (score > bestScore || (score == bestScore && load < bestLoad)) {
                best = candidate;
                bestScore = score;
                bestLoad = load;
            }
        }
        return best;
    }
}
