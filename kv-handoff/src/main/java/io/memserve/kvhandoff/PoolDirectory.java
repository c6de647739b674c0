package io.memserve.kvhandoff;

import io.memserve.mempool.api.MemPoolRedisKeys;
import io.memserve.mempool.api.PoolEndpoint;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Where a live pool listens, read from MemPool's registry in Redis ({@code memserve:pool:<id>}, docs/mempool-redis.md):
 * how a worker reaches a pool it knows only by id, such as a request's decode pool.
 */
public final class PoolDirectory {

    private final ReactiveStringRedisTemplate redis;

    public PoolDirectory(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The pool's endpoint; an {@link UnknownPoolException} when it is not registered or no longer heartbeating. */
    public Mono<PoolEndpoint> endpoint(String poolId) {
        String key = MemPoolRedisKeys.pool(poolId);
        return redis.hasKey(MemPoolRedisKeys.poolAlive(poolId))
                .filter(Boolean::booleanValue)
                .flatMap(alive -> redis.<String, String>opsForHash().entries(key).collectMap(Map.Entry::getKey,
                        Map.Entry::getValue))
                .filter(hash -> !hash.isEmpty())
                .map(hash -> toEndpoint(poolId, hash))
                .switchIfEmpty(Mono.error(() -> new UnknownPoolException(poolId)));
    }

    private static PoolEndpoint toEndpoint(String poolId, Map<String, String> hash) {
        String host = hash.get("host");
        try {
            if (host == null) {
                throw new NumberFormatException("no host");
            }
            return new PoolEndpoint(poolId, host, Integer.parseInt(hash.get("http_port")),
                    Integer.parseInt(hash.get("data_port")));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("pool " + poolId + " has a malformed registry entry: " + hash, e);
        }
    }
}
