package io.memserve.mempool.service.index;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/** The cluster-wide view of the index in Redis: who else holds which keys, in one round trip per lookup. */
public final class ClusterIndex {

    private final ReactiveStringRedisTemplate redis;
    private final String poolId;

    public ClusterIndex(ReactiveStringRedisTemplate redis, String poolId) {
        this.redis = redis;
        this.poolId = poolId;
    }

    /** The live holders of {@code keys} in order (pool to tier), up to the first key no other live pool holds. */
    public Mono<RemoteHolders> holders(List<BlockKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(RemoteHolders.NONE);
        }
        List<String> args = new ArrayList<>(keys.size() + 1);
        args.add(poolId);
        keys.forEach(k -> args.add(k.hex()));
        return redis.execute(RedisScripts.MATCH, List.of(), args).next().map(ClusterIndex::parse);
    }

    @SuppressWarnings("unchecked")
    private static RemoteHolders parse(List<?> reply) {
        List<Map<String, TierName>> holders = new ArrayList<>();
        for (Object entry : (List<Object>) reply.get(0)) {
            List<String> pairs = (List<String>) entry;
            Map<String, TierName> holding = new LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i += 2) {
                holding.put(pairs.get(i), TierName.valueOf(pairs.get(i + 1)));
            }
            holders.add(holding);
        }
        Map<String, PoolEndpoint> endpoints = new HashMap<>();
        for (Object entry : (List<Object>) reply.get(1)) {
            List<String> e = (List<String>) entry;
            endpoints.put(e.get(0), new PoolEndpoint(e.get(0), e.get(1), Integer.parseInt(e.get(2)),
                    Integer.parseInt(e.get(3))));
        }
        return new RemoteHolders(holders, endpoints);
    }
}
