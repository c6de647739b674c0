package io.memserve.mempool.service.index;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.registry.LivenessKey;
import io.memserve.mempool.service.registry.PoolRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The cluster-wide view of the index in Redis: who else holds which keys. A lookup is one MGET, a single command
 * with no script: the holders of every key asked for, and the liveness key (which carries the endpoint) of every pool
 * this pool knows of. The known pools are re-read from the registry only when a holder names a pool not among them
 * (a pool that joined since), and the lookup is then repeated once.
 */
public final class ClusterIndex {

    private final ReactiveStringRedisTemplate redis;
    private final PoolRegistry registry;
    private final String poolId;
    private volatile KnownPools known = new KnownPools(List.of());

    public ClusterIndex(ReactiveStringRedisTemplate redis, PoolRegistry registry) {
        this.redis = redis;
        this.registry = registry;
        this.poolId = registry.self().id();
    }

    /** Registered pools other than this one, in the order their liveness keys are read. */
    private record KnownPools(List<String> ids, Set<String> set) {

        KnownPools(List<String> ids) {
            this(List.copyOf(ids), Set.copyOf(ids));
        }
    }

    /** The live holders of {@code keys} in order (pool to tier), up to the first key no other live pool holds. */
    public Mono<RemoteHolders> holders(List<BlockKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(RemoteHolders.NONE);
        }
        KnownPools pools = known;
        return lookup(keys, pools, false).switchIfEmpty(Mono.defer(() -> registry.registered()
                .map(ids -> {
                    KnownPools fresh = new KnownPools(ids.stream().filter(id -> !id.equals(poolId)).toList());
                    known = fresh;
                    return fresh;
                })
                .flatMap(fresh -> lookup(keys, fresh, true))));
    }

    /** Empty when a holder is a pool not in {@code pools}, unless this is the {@code last} try. */
    private Mono<RemoteHolders> lookup(List<BlockKey> keys, KnownPools pools, boolean last) {
        List<String> names = new ArrayList<>(keys.size() + pools.ids().size());
        for (BlockKey key : keys) {
            names.add(HoldersKey.of(key));
        }
        for (String pool : pools.ids()) {
            names.add(LivenessKey.of(pool));
        }
        return redis.opsForValue().multiGet(names).mapNotNull(values -> parse(values, keys.size(), pools, last));
    }

    private RemoteHolders parse(List<String> values, int keyCount, KnownPools pools, boolean last) {
        Map<String, PoolEndpoint> live = new HashMap<>();
        for (int i = 0; i < pools.ids().size(); i++) {
            String value = values.get(keyCount + i);
            if (value != null) {
                String pool = pools.ids().get(i);
                live.put(pool, LivenessKey.endpoint(pool, value));
            }
        }
        List<Map<String, TierName>> holders = new ArrayList<>();
        Map<String, PoolEndpoint> named = new HashMap<>();
        for (int i = 0; i < keyCount && values.get(i) != null; i++) {
            Map<String, TierName> holding = new LinkedHashMap<>();
            for (String entry : values.get(i).split(",")) {
                int eq = entry.indexOf('=');
                String pool = entry.substring(0, eq);
                PoolEndpoint endpoint = live.get(pool);
                if (endpoint != null) {
                    holding.put(pool, TierName.valueOf(entry.substring(eq + 1)));
                    named.put(pool, endpoint);
                } else if (!last && !pool.equals(poolId) && !pools.set().contains(pool)) {
                    return null;
                }
            }
            if (holding.isEmpty()) {
                break;
            }
            holders.add(holding);
        }
        return new RemoteHolders(holders, named);
    }
}
