package io.memserve.prefill.config;

import io.memserve.engine.Engine;
import io.memserve.kvhandoff.InstanceHeartbeat;
import io.memserve.kvhandoff.InstanceLoad;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.prefill.work.PrefillSlots;
import io.memserve.serving.api.InstanceRole;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Joins the instance registry once the worker is ready (its pool id comes from the node's MemPool) and leaves it
 * first on shutdown, so the scheduler stops sending prefills before the server stops taking them.
 */
@Component
class Registration implements SmartLifecycle {

    private final PrefillProperties properties;
    private final ReactiveStringRedisTemplate redis;
    private final MemPoolClient mempool;
    private final Engine engine;
    private final PrefillSlots slots;
    private volatile InstanceHeartbeat heartbeat;

    Registration(PrefillProperties properties, ReactiveStringRedisTemplate redis, MemPoolClient mempool,
            Engine engine, PrefillSlots slots) {
        this.properties = properties;
        this.redis = redis;
        this.mempool = mempool;
        this.engine = engine;
        this.slots = slots;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        String pool = mempool.control().status().block(properties.mempoolDeadline()).endpoint().id();
        InstanceHeartbeat.Identity identity = new InstanceHeartbeat.Identity(properties.instanceId(),
                InstanceRole.PREFILL, properties.advertisedUrl(), pool, properties.servedModelName(),
                engine.config().maxPositionEmbeddings());
        heartbeat = new InstanceHeartbeat(redis, identity, () -> new InstanceLoad(slots.running(), slots.waiting()),
                () -> (long) engine.pages().freePages(), properties.heartbeatInterval(), properties.aliveTtl());
        heartbeat.start();
    }

    @Override
    public void start() {
        // registration waits for readiness (ApplicationReadyEvent), not for the lifecycle start
    }

    @Override
    public void stop() {
        InstanceHeartbeat current = heartbeat;
        heartbeat = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }

    /** Stops before the web server, whose graceful shutdown then drains the prefills already accepted. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
