package io.memserve.prefill.config;

import io.memserve.engine.Engine;
import io.memserve.kvhandoff.EngineLoop;
import io.memserve.kvhandoff.KvCacheLoader;
import io.memserve.kvhandoff.KvPublisher;
import io.memserve.kvhandoff.PoolConnections;
import io.memserve.kvhandoff.PoolDirectory;
import io.memserve.kvhandoff.PromptPrefill;
import io.memserve.kvhandoff.WorkerEngine;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.prefill.metrics.PrefillMetrics;
import io.memserve.prefill.work.Handoff;
import io.memserve.prefill.work.PrefillWorker;
import io.memserve.prefill.work.PrefillSlots;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The engine and its loop, the MemPool clients, and the worker that runs a prefill and its handoff. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(PrefillProperties properties) {
        return WorkerEngine.load(properties.modelDir(), properties.kvPages(), properties.threads());
    }

    @Bean(destroyMethod = "close")
    EngineLoop engineLoop(Engine engine, PrefillProperties properties) {
        return new EngineLoop(engine, properties.tokenBudget());
    }

    @Bean
    DataPlaneSettings dataPlaneSettings(PrefillProperties properties) {
        return DataPlaneSettings.defaults(properties.clusterSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Bean(destroyMethod = "close")
    MemPoolClient memPoolClient(PrefillProperties properties, DataPlaneSettings dataPlane) {
        return new MemPoolClient(properties.mempoolUrl(), dataPlane, properties.mempoolDeadline());
    }

    @Bean(destroyMethod = "close")
    PoolConnections poolConnections(PrefillProperties properties, DataPlaneSettings dataPlane) {
        return new PoolConnections(dataPlane, properties.mempoolDeadline());
    }

    @Bean
    PrefillSlots prefillSlots(PrefillProperties properties) {
        return new PrefillSlots(properties.maxConcurrentPrefills());
    }

    @Bean
    PrefillWorker prefillWorker(EngineLoop loop, MemPoolClient local, PoolConnections pools,
            ReactiveStringRedisTemplate redis, PrefillSlots slots, PrefillMetrics metrics) {
        Handoff handoff = new Handoff(new KvPublisher(loop.engine(), pools), local, new PoolDirectory(redis));
        return new PrefillWorker(loop, new PromptPrefill(loop, new KvCacheLoader(loop, local, pools)), handoff,
                slots, metrics);
    }
}
