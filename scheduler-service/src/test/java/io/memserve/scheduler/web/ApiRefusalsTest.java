package io.memserve.scheduler.web;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.Preset;
import io.memserve.testcluster.TestRedis;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The scheduler's own refusals over HTTP, with a real Redis and a generated model but no workers: everything here is
 * decided before a request would reach one, except the last case, where no worker is registered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiRefusalsTest {
    @TempDir
    static Path models;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", TestRedis::url);
        registry.add("memserve.model-dir", () -> CheckpointGenerator.generate(models, Preset.TINY, 0).toString());
        registry.add("memserve.policy", () -> "prompt-tree");
    }

    @Test
    void modelsListsTheServedModelUnderItsDirectoryName() {
        http().get().uri("/v1/models").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.object").isEqualTo("list")
                .jsonPath("$.data[0].id").isEqualTo("tiny")
                .jsonPath("$.data[0].max_model_len").isEqualTo(2048);
    }

    @Test
    void malformedJsonAndMissingFieldsAre400WithTheParameter() {
        refused("/v1/chat/completions", "{\"model\": \"tiny\", ", 400, null, null);
        refused("/v1/chat/completions", "", 400, null, null);
        refused("/v1/chat/completions", "{\"model\":\"tiny\"}", 400, "messages", "missing_required_parameter");
        refused("/v1/completions", "{\"model\":\"tiny\"}", 400, "prompt", "missing_required_parameter");
        refused("/v1/chat/completions", "{\"model\":\"tiny\",\"messages\":\"hi\"}", 400, "messages", "invalid_type");
    }

    @Test
    void outOfRangeValuesAre400WithTheParameter() {
        refused("/v1/chat/completions", chat("\"max_tokens\":0"), 400, "max_tokens", "invalid_value");
        refused("/v1/chat/completions", chat("\"temperature\":3"), 400, "temperature", "invalid_value");
        refused("/v1/chat/completions", chat("\"top_p\":1.5"), 400, "top_p", "invalid_value");
        refused("/v1/completions", "{\"model\":\"tiny\",\"prompt\":[1,2,5000]}", 400, "prompt", "invalid_value");
    }

    @Test
    void aPromptThatDoesNotFitTheContextIsContextLengthExceeded() {
        refused("/v1/chat/completions", chat("\"max_tokens\":2048"), 400, "messages", "context_length_exceeded");
        StringBuilder ids = new StringBuilder("1");
        ids.append(",5".repeat(2047));
        refused("/v1/completions", "{\"model\":\"tiny\",\"prompt\":[" + ids + "]}", 400, "prompt",
                "context_length_exceeded");
    }

    @Test
    void anUnknownModelIs404ModelNotFound() {
        refused("/v1/chat/completions",
                "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 404, "model",
                "model_not_found");
    }

    @Test
    void withoutLiveWorkersAValidRequestIs503() {
        refused("/v1/chat/completions", chat("\"max_tokens\":4"), 503, null, "service_unavailable");
        refused("/v1/chat/completions", chat("\"max_tokens\":4,\"stream\":true"), 503, null, "service_unavailable");
    }

    @Test
    void healthHasLivenessAndReadiness() {
        http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private static String chat(String extra) {
        return "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + extra + "}";
    }

    private void refused(String path, String body, int status, String param, String code) {
        var spec = http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error.message").isNotEmpty()
                .jsonPath("$.error.type").isNotEmpty();
        if (param == null) {
            spec.jsonPath("$.error.param").isEmpty();
        } else {
            spec.jsonPath("$.error.param").isEqualTo(param);
        }
        if (code != null) {
            spec.jsonPath("$.error.code").isEqualTo(code);
        }
    }
}
