package io.memserve.kvhandoff;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRegistryKeys;
import io.memserve.serving.api.InstanceRole;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps a worker in the instance registry (docs/serving-internals.md): every interval it rewrites its hash with the
 * current load and refreshes its alive key's TTL; {@link #close} removes all three entries at once, so the scheduler
 * stops routing to it before it goes. A failed write is logged and retried at the next beat: the alive key's TTL is
 * what tells the scheduler an instance is gone.
 */
public final class InstanceHeartbeat implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final ReactiveStringRedisTemplate redis;
    private final Identity identity;
    private final Supplier<InstanceLoad> load;
    private final Supplier<Long> freeKvPages;
    private final Duration interval;
    private final Duration aliveTtl;
    private Disposable beating;

    public InstanceHeartbeat(ReactiveStringRedisTemplate redis, Identity identity, Supplier<InstanceLoad> load,
            Supplier<Long> freeKvPages, Duration interval, Duration aliveTtl) {
        if (!aliveTtl.minus(interval).isPositive()) {
            throw new IllegalArgumentException("the alive TTL (" + aliveTtl + ") must outlast the heartbeat interval ("
                    + interval + ")");
        }
        this.redis = redis;
        this.identity = identity;
        this.load = load;
        this.freeKvPages = freeKvPages;
        this.interval = interval;
        this.aliveTtl = aliveTtl;
    }

    /** Registers now, then on every interval. */
    public synchronized void start() {
        if (beating == null) {
            beating = Flux.interval(Duration.ZERO, interval)
                    .onBackpressureDrop()
                    .concatMap(tick -> beat().onErrorResume(e -> {
                        log.warn("instance heartbeat of {} failed: {}", identity.id(), e.toString());
                        return Mono.empty();
                    }), 1)
                    .subscribe();
        }
    }

    /** Writes the registry entries once. */
    public Mono<Void> beat() {
        InstanceLoad now = load.get();
        InstanceRecord record = new InstanceRecord(identity.id(), identity.role(), identity.url(), identity.pool(),
                identity.model(), identity.maxContext(), now.running(), now.waiting(), freeKvPages.get(),
                System.currentTimeMillis());
        String id = identity.id();
        return redis.opsForHash().putAll(InstanceRegistryKeys.instance(id), record.toHash())
                .then(redis.opsForSet().add(InstanceRegistryKeys.INSTANCES, id))
                .then(redis.opsForValue().set(InstanceRegistryKeys.alive(id), Long.toString(record.updatedMs()),
                        aliveTtl))
                .then();
    }

    /** Stops beating and removes the instance from the registry. */
    @Override
    public synchronized void close() {
        if (beating != null) {
            beating.dispose();
            beating = null;
        }
        String id = identity.id();
        redis.delete(InstanceRegistryKeys.alive(id), InstanceRegistryKeys.instance(id))
                .then(redis.opsForSet().remove(InstanceRegistryKeys.INSTANCES, id))
                .block(Duration.ofSeconds(5));
    }

    /** What does not change while the worker runs. */
    public record Identity(String id, InstanceRole role, String url, String pool, String model, int maxContext) {
    }
}
