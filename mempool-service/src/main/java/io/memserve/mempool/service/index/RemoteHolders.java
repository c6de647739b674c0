package io.memserve.mempool.service.index;

import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import java.util.List;
import java.util.Map;

/**
 * Which live pools other than this one hold each key of a run of block keys (and in which tier), stopping at the
 * first key none holds, and the endpoints of those pools.
 */
public record RemoteHolders(List<Map<String, TierName>> holders, Map<String, PoolEndpoint> endpoints) {

    public static final RemoteHolders NONE = new RemoteHolders(List.of(), Map.of());
}
