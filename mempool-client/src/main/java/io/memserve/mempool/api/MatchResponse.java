package io.memserve.mempool.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The longest cached prefix: {@code matchedTokens} = 16 × the blocks of {@code runs}, which follow each other without
 * gaps; {@code leaseId} pins the local blocks (null when none); {@code pools} gives the endpoints of every pool named in
 * {@code runs}.
 */
public record MatchResponse(int matchedTokens, String leaseId, List<MatchedRun> runs,
        Map<String, PoolEndpoint> pools) {

    /** The addresses of the answering pool's blocks, in prefix order (they come first: a local-only match has no other). */
    public long[] localAddresses() {
        return runs.stream().filter(run -> run.addresses() != null).flatMapToLong(run -> Arrays.stream(run.addresses()))
                .toArray();
    }
}
