package io.memserve.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.serving.api.InstanceRegistryKeys;
import io.memserve.serving.api.Sampling;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** Refusals in OpenAI's error JSON, the registry entry, and the metrics a scrape finds. */
class WorkerApiTest {

    private final TestCluster cluster = TestCluster.get();

    @Test
    void badRequestsAreRefusedWithOpenAiErrors() {
        WebClient http = cluster.colocated.http;
        assertError(http, "/internal/generate", "{\"request_id\": ", 400, null);
        assertError(http, "/internal/generate", "{\"request_id\": \"r\", \"ignore_eos\": false, \"cache\": false, \"sampling\": {\"temperature\": 0, "
                + "\"top_p\": 1, \"top_k\": 0, \"seed\": 1}, \"max_tokens\": 4}", 400, "prompt_token_ids");
        assertError(http, "/internal/generate", Requests.generate(new int[] {1, 5000}, Sampling.greedy(1), 4, false,
                false), 400, "prompt_token_ids");
        assertError(http, "/internal/generate", Requests.generate(Requests.prompt(2048, 1), Sampling.greedy(1), 4,
                false, false), 400, "prompt_token_ids");
        assertError(http, "/internal/generate", Requests.generate(new int[] {1, 2}, Sampling.greedy(1), 0, false,
                false), 400, "max_tokens");
        assertError(http, "/internal/decode", Requests.decode(new int[] {1, 2}, 3, Sampling.greedy(1), 4, false,
                "pool-p", false), 404, null);
    }

    @Test
    void theWorkerIsRegisteredAndMeasured() {
        cluster.decode.run("/internal/decode", Requests.decode(Requests.prompt(20, 3), 4, Sampling.greedy(1), 5,
                true, cluster.prefillPool.id, false));
        ReactiveStringRedisTemplate redis = cluster.decode.context.getBean(ReactiveStringRedisTemplate.class);

        Map<Object, Object> entry = redis.opsForHash().entries(InstanceRegistryKeys.instance("decode-0"))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block(Duration.ofSeconds(5));
        assertEquals("decode", entry.get("role"));
        assertEquals(cluster.decodePool.id, entry.get("pool"));
        assertEquals(cluster.decode.url, entry.get("url"));
        assertEquals(Boolean.TRUE, redis.hasKey(InstanceRegistryKeys.alive("decode-0")).block());

        String scrape = cluster.decode.http.get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(5));
        assertThat(scrape).contains("memserve:num_requests_running", "memserve:num_requests_waiting",
                "memserve:inter_token_latency_seconds_bucket", "memserve:e2e_request_latency_seconds_count",
                "memserve:request_queue_time_seconds_bucket", "memserve:prefix_cache_queries_tokens_total",
                "memserve:prefix_cache_hits_tokens_total");
    }

    private static void assertError(WebClient http, String path, String body, int status, String param) {
        var response = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(r -> r.bodyToMono(Map.class).map(json -> Map.entry(r.statusCode(), json)))
                .block(Duration.ofSeconds(10));
        assertEquals(HttpStatusCode.valueOf(status), response.getKey(), () -> "body " + response.getValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) response.getValue().get("error");
        assertThat(error).containsKeys("message", "type", "param", "code");
        assertThat((String) error.get("message")).isNotBlank();
        if (param != null) {
            assertEquals(param, error.get("param"));
        }
    }
}
