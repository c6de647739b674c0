package io.memserve.scheduler.routing;

import java.util.List;
import java.util.function.DoubleSupplier;

import io.memserve.serving.api.InstanceRecord;

/**
 * Longest cached prefix, weighed against load. An instance's prefill pulls the blocks another instance's pool holds
 * through MemPool rather than recomputing them, so what counts is how much of the prompt it can get cheaply:
 * {@code reach = local + β · (best − local)}, where {@code local} is what its own pool holds, {@code best} the most any
 * candidate's pool holds and β ({@code memserve.routing.remote-hit-weight}) what a pulled block is worth against a
 * local one. Then {@code score = reach − α · load · avg_prompt_tokens}; the highest score wins, ties go to the least
 * loaded (then the first in id order). One queued or running sequence costs α average prompts, so locality decides
 * between instances of equal load and a queue outweighs it, since waiting behind it costs more than pulling the
 * blocks elsewhere. α is {@code memserve.routing.load-weight}.
 */
public final class PromptTreePolicy implements RoutingPolicy {
    private final double loadWeight;
    private final double remoteHitWeight;
    private final DoubleSupplier averagePromptTokens;

    public PromptTreePolicy(double loadWeight, double remoteHitWeight, DoubleSupplier averagePromptTokens) {
        this.loadWeight = loadWeight;
        this.remoteHitWeight = remoteHitWeight;
        this.averagePromptTokens = averagePromptTokens;
    }

    @Override
    public InstanceRecord pick(Candidates candidates, RouteRequest request) {
        double loadCost = loadWeight * averagePromptTokens.getAsDouble();
        List<InstanceRecord> instances = candidates.instances();
        int[] local = new int[instances.size()];
        int best = 0;
        for (int i = 0; i < local.length; i++) {
            local[i] = candidates.prefixes().matchedTokens(instances.get(i), request.promptTokenIds());
            best = Math.max(best, local[i]);
        }
        InstanceRecord chosen = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int chosenLoad = Integer.MAX_VALUE;
        for (int i = 0; i < local.length; i++) {
            InstanceRecord candidate = instances.get(i);
            int load = candidates.load().load(candidate);
            double reach = local[i] + remoteHitWeight * (best - local[i]);
            double score = reach - loadCost * load;
            if (score > bestScore || (score == bestScore && load < chosenLoad)) {
                chosen = candidate;
                bestScore = score;
                chosenLoad = load;
            }
        }
        return chosen;
    }
}
