package io.memserve.mempool.service.registry;

import io.memserve.mempool.api.MemPoolRedisKeys;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.index.RedisScripts;
import io.memserve.mempool.service.store.TierUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pool registry in Redis: this pool's heartbeat (a liveness key that expires when heartbeats stop), other pools'
 * endpoints, and sweeping the index entries of pools that died or left.
 */
public final class PoolRegistry {

    private static final int SWEEP_BATCH = 1000;

    private final ReactiveStringRedisTemplate redis;
    private final PoolEndpoint self;
    private final Duration heartbeatTtl;

    public PoolRegistry(ReactiveStringRedisTemplate redis, PoolEndpoint self, Duration heartbeatTtl) {
        this.redis = redis;
        this.self = self;
        this.heartbeatTtl = heartbeatTtl;
    }

    public PoolEndpoint self() {
        return self;
    }

    /**
     * Announces this pool (liveness and use), then removes the index entries of every registered pool whose heartbeat
     * lapsed: one script finds them while it writes the heartbeat. Returns how many entries were removed.
     */
    public Mono<Long> heartbeat(List<TierUsage> usage) {
        List<String> args = new ArrayList<>(List.of(self.id(), Long.toString(heartbeatTtl.toMillis()), self.host(),
                Integer.toString(self.httpPort()), Integer.toString(self.dataPort())));
        for (TierName tier : TierName.values()) {
            TierUsage t = usage.stream().filter(u -> u.tier() == tier).findFirst().orElse(null);
            args.add(Long.toString(t == null ? 0 : t.capacityBytes()));
            args.add(Long.toString(t == null ? 0 : t.usedBytes()));
        }
        args.add(LivenessKey.value(self));
        return redis.execute(RedisScripts.HEARTBEAT, List.of(), args).next()
                .flatMapMany(dead -> Flux.fromArray(dead.isEmpty() ? new String[0] : dead.split(",")))
                .concatMap(id -> sweep(id, false))
                .reduce(0L, Long::sum);
    }

    /** The endpoint of a live pool; empty when it is unknown or its heartbeat lapsed. */
    public Mono<PoolEndpoint> endpoint(String poolId) {
        return redis.opsForValue().get(LivenessKey.of(poolId)).map(value -> LivenessKey.endpoint(poolId, value));
    }

    /** Every registered pool, live or not yet swept. */
    public Mono<List<String>> registered() {
        return redis.opsForSet().members(MemPoolRedisKeys.POOLS).collectList();
    }

    /** Removes this pool's entries: at start (left over from an earlier run) and when leaving. */
    public Mono<Long> sweepSelf() {
        return sweep(self.id(), true);
    }

    private Mono<Long> sweep(String poolId, boolean force) {
        List<String> args = List.of(poolId, Integer.toString(SWEEP_BATCH), force ? "1" : "0",
                Long.toString(RedisScripts.STREAM_MAX_LENGTH));
        return Flux.defer(() -> redis.execute(RedisScripts.SWEEP_POOL, List.of(), args))
                .repeat()
                .takeWhile(removed -> removed > 0)
                .reduce(0L, Long::sum);
    }
}
