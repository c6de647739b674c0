package io.memserve.scheduler.registry;

import java.time.Duration;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRegistryKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The workers the scheduler may route to, read from the Redis registry (docs/serving-internals.md) on every refresh:
 * an id in {@code memserve:instances} counts only while its alive key exists, and an entry that does not parse is
 * skipped with a warning rather than routed to.
 */
public final class InstanceRegistry {
    private static final Logger log = LoggerFactory.getLogger(InstanceRegistry.class);

    private final ReactiveStringRedisTemplate redis;
    private volatile LiveInstances live = LiveInstances.NONE;

    public InstanceRegistry(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public LiveInstances live() {
        return live;
    }

    public Mono<LiveInstances> refresh() {
        return redis.opsForSet().members(InstanceRegistryKeys.INSTANCES)
                .concatMap(this::readLive)
                .collectList()
                .map(LiveInstances::new)
                .doOnNext(instances -> live = instances);
    }

    public Disposable start(Duration interval) {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> refresh().onErrorResume(e -> {
                    log.warn("reading the instance registry failed; keeping the last view: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    private Mono<InstanceRecord> readLive(String id) {
        return Mono.fromCallable(() -> InstanceRegistryKeys.alive(id))
                .flatMap(redis::hasKey)
                .filter(Boolean::booleanValue)
                .flatMap(alive -> redis.<String, String>opsForHash().entries(InstanceRegistryKeys.instance(id))
                        .collectMap(e -> e.getKey(), e -> e.getValue()))
                .map(hash -> InstanceRecord.fromHash(id, hash))
                .onErrorResume(IllegalArgumentException.class, e -> {
                    log.warn("ignoring instance {}: {}", id, e.getMessage());
                    return Mono.empty();
                });
    }
}
