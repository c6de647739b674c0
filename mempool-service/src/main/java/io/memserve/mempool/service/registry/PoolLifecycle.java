package io.memserve.mempool.service.registry;

import io.memserve.mempool.service.config.MemPoolProperties;
import io.memserve.mempool.service.index.KvEventWriter;
import io.memserve.mempool.service.store.BlockStore;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pool joining and leaving the cluster. On start it clears what an earlier run under the same id left in Redis,
 * then heartbeats, expires leases and sweeps the entries of dead pools on a timer; on stop it removes its own entries
 * so that no match points at it once it is gone.
 */
@Component
public class PoolLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PoolLifecycle.class);
    private static final Duration LEASE_SWEEP = Duration.ofMillis(250);
    private static final Duration REDIS_DEADLINE = Duration.ofSeconds(10);

    private final PoolRegistry registry;
    private final BlockStore store;
    private final KvEventWriter events;
    private final MemPoolProperties props;
    private Disposable.Composite timers = Disposables.composite();
    private Disposable heartbeat = Disposables.disposed();
    private volatile boolean running;

    public PoolLifecycle(PoolRegistry registry, BlockStore store, KvEventWriter events, MemPoolProperties props) {
        this.registry = registry;
        this.store = store;
        this.events = events;
        this.props = props;
    }

    @Override
    public void start() {
        registry.sweepSelf().then(registry.heartbeat(store.usage())).block(REDIS_DEADLINE);
        timers = Disposables.composite();
        heartbeat = every(props.heartbeatInterval(), () -> registry.heartbeat(store.usage()).then(), "heartbeat");
        timers.add(heartbeat);
        timers.add(every(LEASE_SWEEP, () -> Mono.fromRunnable(store::expireLeases).then(events.flush()), "lease expiry"));
        running = true;
        log.info("pool {} joined: {}", registry.self().id(), registry.self());
    }

    /**
     * Stops announcing this pool while it keeps serving: its registry entry lapses within the heartbeat TTL and from
     * then on no match elsewhere points at it (how a pool is drained before it is taken away).
     */
    public void stopHeartbeat() {
        heartbeat.dispose();
    }

    @Override
    public void stop() {
        timers.dispose();
        running = false;
        events.flush().then(registry.sweepSelf()).block(REDIS_DEADLINE);
        log.info("pool {} left", registry.self().id());
    }

    /** Joins once the web server is up and leaves once it has finished its requests (graceful shutdown). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1536;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Disposable every(Duration period, Supplier<Mono<Void>> task, String name) {
        return Flux.interval(period)
                .onBackpressureDrop()
                .concatMap(tick -> task.get().onErrorResume(e -> {
                    log.warn("{} failed: {}", name, e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }
}
