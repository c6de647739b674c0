package io.memserve.mempool.service.config;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The REST control plane and the Redis client share one event-loop thread. A match then runs start to end on that
 * thread: the request is read, the Redis lookup written and its reply read, and the answer written, with no hand-over
 * between threads (each hand-over is a wake-up of another thread, which costs more than the match's own work on a
 * small or busy machine). A control-plane call is a fraction of a millisecond of work, so one thread serves thousands
 * a second; block bytes go through the data plane, on threads of its own.
 */
@Configuration(proxyBeanMethods = false)
public class ControlPlaneEventLoop {

    @Bean(destroyMethod = "dispose")
    LoopResources controlPlaneLoop() {
        return LoopResources.create("mempool-control", 1, true);
    }

    /** What the embedded HTTP server runs on (Spring Boot sets the server's loops from this factory). */
    @Bean
    ReactorResourceFactory controlPlaneResources(LoopResources controlPlaneLoop) {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        resources.setLoopResources(controlPlaneLoop);
        return resources;
    }

    @Bean
    ClientResourcesBuilderCustomizer controlPlaneRedisLoop(LoopResources controlPlaneLoop) {
        EventLoopGroup group = controlPlaneLoop.onServer(true);
        return builder -> builder.eventLoopGroupProvider(new EventLoopGroupProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends EventLoopGroup> T allocate(Class<T> type) {
                return (T) group;
            }

            @Override
            public int threadPoolSize() {
                return 1;
            }

            /** The loop is the control plane's, disposed with it, not Redis's to shut down. */
            @Override
            public Future<Boolean> release(EventExecutorGroup eventLoopGroup, long quietPeriod, long timeout,
                    TimeUnit unit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }

            @Override
            public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
            }
        });
    }
}
