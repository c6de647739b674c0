package io.memserve.decode.config;

import io.memserve.decode.batch.AdmissionQueue;
import io.memserve.engine.Engine;
import io.memserve.kvhandoff.InstanceHeartbeat;
import io.memserve.kvhandoff.InstanceLoad;
import io.memserve.mempool.client.MemPoolClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Enters this worker in the instance registry once its node's pool answers (the registry names the pool, and the
 * pool may start after the worker), and leaves it on shutdown before the web server stops taking requests.
 */
@Component
class Registration implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Registration.class);

    private final DecodeProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final MemPoolClient pool;
    private final Engine engine;
    private final AdmissionQueue admissions;
    private Disposable lookup;
    private InstanceHeartbeat heartbeat;
    private boolean running;

    Registration(DecodeProperties properties, ReactiveStringRedisTemplate redis, MemPoolClient pool, Engine engine,
            AdmissionQueue admissions) {
        this.properties = properties;
        this.redis = redis;
        this.pool = pool;
        this.engine = engine;
        this.admissions = admissions;
    }

    @Override
    public synchronized void start() {
        running = true;
        lookup = pool.control().status()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2))
                        .doBeforeRetry(retry -> log.info("waiting for MemPool at {}: {}", properties.mempoolUrl(),
                                retry.failure().toString())))
                .subscribe(status -> beat(status.endpoint().id()));
    }

    private synchronized void beat(String poolId) {
        if (!running) {
            return;
        }
        heartbeat = new InstanceHeartbeat(redis, new InstanceHeartbeat.Identity(properties.instanceId(),
                properties.role(), properties.advertisedUrl(), poolId, properties.servedModelName(),
                engine.config().maxPositionEmbeddings()),
                () -> new InstanceLoad(admissions.running(), admissions.waiting()),
                () -> (long) admissions.freePages(), properties.heartbeatInterval(), properties.aliveTtl());
        heartbeat.start();
        log.info("registered as {} instance {} on pool {}", properties.role().wire(), properties.instanceId(), poolId);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (lookup != null) {
            lookup.dispose();
        }
        if (heartbeat != null) {
            heartbeat.close();
            heartbeat = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown, so no new request is routed here meanwhile. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
