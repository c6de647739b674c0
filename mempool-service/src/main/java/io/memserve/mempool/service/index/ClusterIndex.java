package io.memserve.mempool.service.index;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.registry.LivenessKey;
import io.memserve.mempool.service.registry.PoolRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The cluster-wide view of the index in Redis: who else holds which keys. A lookup is one MGET, a single command
 * with no script: the holders of every key asked for, and the liveness key (which carries the endpoint) of every pool
 * this pool knows of. The known pools are re-read from the registry only when a holder names a pool not among them
 * (a pool that joined since), and the lookup is then repeated once.
 *
 * <p>The MGET goes through Lettuce directly, on a connection of its own, with byte-array keys and values: for a
 * 4096-token prompt the reactive template's layers around it (a serialized key per element, a Flux per reply) cost
 * several times the command itself.
 */
public final class ClusterIndex {

    private final StatefulRedisConnection<byte[], byte[]> redis;
    private final PoolRegistry registry;
    private final String poolId;
    private volatile KnownPools known = new KnownPools(List.of());

    public ClusterIndex(StatefulRedisConnection<byte[], byte[]> redis, PoolRegistry registry) {
        this.redis = redis;
        this.registry = registry;
        this.poolId = registry.self().id();
    }

    /** Registered pools other than this one, in the order their liveness keys are read. */
    private record KnownPools(List<String> ids, Set<String> set, List<byte[]> livenessKeys) {

        KnownPools(List<String> ids) {
            this(List.copyOf(ids), Set.copyOf(ids),
                    ids.stream().map(id -> LivenessKey.of(id).getBytes(StandardCharsets.UTF_8)).toList());
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
        byte[][] names = new byte[keys.size() + pools.ids().size()][];
        for (int i = 0; i < keys.size(); i++) {
            names[i] = HoldersKey.bytes(keys.get(i));
        }
        for (int i = 0; i < pools.ids().size(); i++) {
            names[keys.size() + i] = pools.livenessKeys().get(i);
        }
        return Mono.fromCompletionStage(() -> redis.async().mget(names))
                .mapNotNull(values -> parse(values, keys.size(), pools, last));
    }

    private RemoteHolders parse(List<KeyValue<byte[], byte[]>> values, int keyCount, KnownPools pools, boolean last) {
        Map<String, PoolEndpoint> live = new HashMap<>();
        for (int i = 0; i < pools.ids().size(); i++) {
            byte[] value = values.get(keyCount + i).getValueOrElse(null);
            if (value != null) {
                String pool = pools.ids().get(i);
                live.put(pool, LivenessKey.endpoint(pool, new String(value, StandardCharsets.UTF_8)));
            }
        }
        List<Map<String, TierName>> holders = new ArrayList<>(keyCount);
        Map<String, PoolEndpoint> named = new HashMap<>();
        for (int i = 0; i < keyCount; i++) {
            byte[] value = values.get(i).getValueOrElse(null);
            if (value == null) {
                break;
            }
            Map<String, TierName> holding = null;
            for (int start = 0; start < value.length; ) {
                int end = indexOf(value, (byte) ',', start, value.length);
                int eq = indexOf(value, (byte) '=', start, end);
                String pool = new String(value, start, eq - start, StandardCharsets.UTF_8);
                start = end + 1;
                PoolEndpoint endpoint = live.get(pool);
                if (endpoint == null) {
                    if (!last && !pool.equals(poolId) && !pools.set().contains(pool)) {
                        return null;
                    }
                    continue;
                }
                TierName tier = TierName.valueOf(new String(value, eq + 1, end - eq - 1, StandardCharsets.US_ASCII));
                if (holding == null && end == value.length) {
                    holding = Map.of(pool, tier);
                } else {
                    holding = holding == null ? new LinkedHashMap<>() : holding;
                    holding.put(pool, tier);
                }
                named.put(pool, endpoint);
            }
            if (holding == null) {
                break;
            }
            holders.add(holding);
        }
        return new RemoteHolders(holders, named);
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }
}
