package io.memserve.scheduler.config;

import io.memserve.scheduler.admission.AdmissionControl;
import io.memserve.scheduler.generation.GenerationService;
import io.memserve.scheduler.generation.WorkerClient;
import io.memserve.scheduler.metrics.ServingMetrics;
import io.memserve.scheduler.model.PromptEncoder;
import io.memserve.scheduler.model.ServedModel;
import io.memserve.scheduler.registry.InstanceRegistry;
import io.memserve.scheduler.routing.Policies;
import io.memserve.scheduler.routing.PromptLengthAverage;
import io.memserve.scheduler.routing.Router;
import io.memserve.scheduler.tree.PromptTrees;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Wires the scheduler from {@link SchedulerProperties}. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    ServedModel servedModel(SchedulerProperties properties) {
        return ServedModel.load(properties.servedModelName(), properties.modelDir());
    }

    @Bean
    PromptEncoder promptEncoder(ServedModel model) {
        return new PromptEncoder(model);
    }

    @Bean
    PromptTrees promptTrees(SchedulerProperties properties) {
        return new PromptTrees(properties.routing().provisionalTtl(), System::currentTimeMillis);
    }

    @Bean
    InstanceRegistry instanceRegistry(ReactiveStringRedisTemplate redis) {
        return new InstanceRegistry(redis);
    }

    @Bean
    Router router(SchedulerProperties properties, InstanceRegistry registry, PromptTrees trees) {
        PromptLengthAverage promptLengths = new PromptLengthAverage();
        return new Router(registry, trees, Policies.named(properties.policy(), properties.routing(), promptLengths),
                properties.cache(), promptLengths);
    }

    @Bean
    AdmissionControl admissionControl(SchedulerProperties properties) {
        return new AdmissionControl(properties.admission().maxInFlight(), properties.admission().maxQueued());
    }

    @Bean
    ServingMetrics servingMetrics(MeterRegistry registry, AdmissionControl admission) {
        return new ServingMetrics(registry, admission);
    }

    /** No response timeout: a stream lasts as long as its generation; only connecting is bounded. */
    @Bean
    WorkerClient workerClient(SchedulerProperties properties) {
        SchedulerProperties.Workers workers = properties.workers();
        ConnectionProvider connections = ConnectionProvider.builder("memserve-workers")
                .maxConnections(workers.maxConnections())
                .pendingAcquireMaxCount(-1)
                .build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(workers.connectTimeout().toMillis()));
        return new WorkerClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build());
    }

    @Bean
    GenerationService generationService(SchedulerProperties properties, AdmissionControl admission, Router router,
            WorkerClient workers, ServedModel model, ServingMetrics metrics) {
        return new GenerationService(admission, router, workers, model, metrics, properties.cache());
    }
}
