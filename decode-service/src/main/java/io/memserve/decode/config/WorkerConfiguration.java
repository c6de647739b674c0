package io.memserve.decode.config;

import io.memserve.decode.batch.AdmissionQueue;
import io.memserve.decode.batch.BatchLimits;
import io.memserve.decode.batch.PageBudget;
import io.memserve.decode.generation.GenerationWorker;
import io.memserve.decode.generation.WriteBack;
import io.memserve.decode.metrics.ServingMetrics;
import io.memserve.engine.Engine;
import io.memserve.kvhandoff.EngineLoop;
import io.memserve.kvhandoff.KvCacheLoader;
import io.memserve.kvhandoff.KvPublisher;
import io.memserve.kvhandoff.PoolConnections;
import io.memserve.kvhandoff.WorkerEngine;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.serving.api.InstanceRole;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine, its loop and batch admission, and the MemPool clients that load and write back KV. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean(destroyMethod = "close")
    Engine engine(DecodeProperties properties) {
        return WorkerEngine.load(properties.modelDir(), properties.kvPages(), properties.threads());
    }

    @Bean
    BatchLimits batchLimits(DecodeProperties properties) {
        return new BatchLimits(properties.maxBatch(), properties.tokenBudget());
    }

    @Bean(destroyMethod = "close")
    EngineLoop engineLoop(Engine engine, BatchLimits limits) {
        return new EngineLoop(engine, limits.tokenBudget());
    }

    @Bean
    AdmissionQueue admissionQueue(Engine engine, BatchLimits limits) {
        return new AdmissionQueue(limits, new PageBudget(engine.pages().capacity()));
    }

    @Bean
    InstanceRole instanceRole(DecodeProperties properties) {
        return properties.role();
    }

    @Bean
    DataPlaneSettings dataPlaneSettings(DecodeProperties properties) {
        return DataPlaneSettings.defaults(properties.clusterSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Bean(destroyMethod = "close")
    MemPoolClient memPoolClient(DecodeProperties properties, DataPlaneSettings dataPlane) {
        return new MemPoolClient(properties.mempoolUrl(), dataPlane, properties.mempoolDeadline());
    }

    @Bean(destroyMethod = "close")
    PoolConnections poolConnections(DecodeProperties properties, DataPlaneSettings dataPlane) {
        return new PoolConnections(dataPlane, properties.mempoolDeadline());
    }

    @Bean
    ServingMetrics servingMetrics(MeterRegistry registry, AdmissionQueue admissions) {
        return new ServingMetrics(registry, admissions);
    }

    @Bean
    GenerationWorker generationWorker(EngineLoop loop, MemPoolClient local, PoolConnections pools,
            AdmissionQueue admissions, ServingMetrics metrics) {
        return new GenerationWorker(loop, new KvCacheLoader(loop, local, pools),
                new WriteBack(new KvPublisher(loop.engine(), pools), local), admissions, metrics);
    }
}
