package io.memserve.scheduler.config;

import java.time.Duration;

import io.memserve.scheduler.registry.InstanceRegistry;
import io.memserve.scheduler.tree.KvEventFollower;
import io.memserve.scheduler.tree.PromptTrees;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/**
 * What the scheduler keeps following while it runs: the instance registry, the KV event stream, and the expiry of
 * routing decisions no event confirmed.
 */
@Component
class BackgroundFollowers implements SmartLifecycle {
    private final SchedulerProperties.Routing routing;
    private final InstanceRegistry registry;
    private final KvEventFollower events;
    private final PromptTrees trees;
    private volatile Disposable.Composite running;

    BackgroundFollowers(SchedulerProperties properties, InstanceRegistry registry, PromptTrees trees,
            ReactiveStringRedisTemplate redis) {
        this.routing = properties.routing();
        this.registry = registry;
        this.trees = trees;
        this.events = new KvEventFollower(redis, trees, routing.eventBatch());
    }

    @Override
    public void start() {
        Duration sweep = routing.provisionalTtl().dividedBy(2);
        running = Disposables.composite(
                registry.start(routing.registryRefresh()),
                events.start(routing.eventPoll()),
                Flux.interval(sweep, sweep).subscribe(tick -> trees.expire()));
    }

    @Override
    public void stop() {
        running.dispose();
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
