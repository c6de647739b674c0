package io.memserve.decode;

import io.memserve.decode.batch.AdmissionQueue;
import io.memserve.engine.Engine;
import io.memserve.serving.api.ServingJson;
import io.memserve.serving.api.WorkerEvent;
import io.memserve.testcluster.FreePort;
import io.memserve.testcluster.PoolProcess;
import io.memserve.testcluster.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** A decode-service application on a free port, and a plain HTTP client of its worker API. */
final class TestWorker implements AutoCloseable {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {
            };

    final String url;
    final ConfigurableApplicationContext context;
    final WebClient http;

    TestWorker(String id, String role, Path modelDir, PoolProcess pool) {
        int port = FreePort.find();
        this.url = "http://127.0.0.1:" + port;
        this.context = new SpringApplicationBuilder(DecodeApplication.class).run(
                "--server.port=" + port,
                "--spring.data.redis.url=" + TestRedis.url(),
                "--memserve.role=" + role,
                "--memserve.model-dir=" + modelDir,
                "--memserve.instance-id=" + id,
                "--memserve.mempool-url=" + pool.endpoint.baseUrl(),
                "--memserve.cluster-secret=" + PoolProcess.SECRET,
                "--memserve.kv-pages=" + TestCluster.KV_PAGES,
                "--memserve.threads=1",
                "--memserve.max-batch=4",
                "--memserve.token-budget=64",
                "--memserve.heartbeat-interval=200ms",
                "--memserve.alive-ttl=1s",
                "--spring.main.banner-mode=off");
        this.http = WebClient.create(url);
    }

    /** The events of one streamed request, as the scheduler reads them. */
    Flux<WorkerEvent> stream(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(json).retrieve().bodyToFlux(SSE)
                .map(event -> ServingJson.mapper().readValue(event.data(), WorkerEvent.class));
    }

    List<WorkerEvent> run(String path, String json) {
        return stream(path, json).collectList().block(Duration.ofSeconds(60));
    }

    AdmissionQueue admissions() {
        return context.getBean(AdmissionQueue.class);
    }

    Engine engine() {
        return context.getBean(Engine.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
