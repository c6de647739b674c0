package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.memserve.testcluster.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway started on a random port in front of {@link FakeScheduler}, with a real Redis. Every test class that
 * extends this shares one application context; each uses its own API key, so rate-limit buckets do not mix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "memserve.gateway.api-keys=key-forwarding, key-auth,key-rate,key-size,key-stream,key-timeout,key-concurrency",
        "memserve.gateway.rate-limit.requests-per-second=1",
        "memserve.gateway.rate-limit.burst=40",
        "memserve.gateway.max-request-body=4KB",
        "memserve.gateway.breaker.sliding-window-size=1000",
        "memserve.gateway.breaker.minimum-number-of-calls=1000",
        "memserve.gateway.timeouts.response-start=2s",
        "memserve.gateway.timeouts.stream-idle=5s"})
abstract class GatewayTestSupport {

    static final int MAX_BODY = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("memserve.gateway.scheduler-url", () -> FakeScheduler.get().url());
        registry.add("spring.data.redis.url", TestRedis::url);
    }

    FakeScheduler upstream() {
        return FakeScheduler.get();
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** A client that presents {@code key} on every request. */
    WebTestClient client(String key) {
        return client().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
    }

    static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        return json(result.getResponseBody());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(byte[] body) {
        return JSON.readValue(body, Map.class);
    }

    /** Asserts OpenAI's error shape, field for field, and returns the inner object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> openAiError(EntityExchangeResult<byte[]> result, String type, String code) {
        assertThat(result.getResponseHeaders().getContentType()).hasToString("application/json");
        Map<String, Object> body = json(result);
        assertThat(body).containsOnlyKeys("error");
        Map<String, Object> error = (Map<String, Object>) body.get("error");
        assertThat(error).containsOnlyKeys("message", "type", "param", "code");
        assertThat(error.get("message")).asString().isNotBlank();
        assertThat(error).containsEntry("type", type).containsEntry("code", code).containsEntry("param", null);
        return error;
    }
}
