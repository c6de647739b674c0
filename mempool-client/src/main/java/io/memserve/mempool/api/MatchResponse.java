package io.memserve.mempool.api;

import java.util.List;
import java.util.Map;

/**
 * The longest cached prefix: {@code matchedTokens} = 16 × blocks; {@code leaseId} pins the local blocks (null when
 * none); {@code pools} gives the endpoints of every pool named in {@code blocks}.
 */
public record MatchResponse(int matchedTokens, String leaseId, List<MatchedBlock> blocks,
        Map<String, PoolEndpoint> pools) {
}
