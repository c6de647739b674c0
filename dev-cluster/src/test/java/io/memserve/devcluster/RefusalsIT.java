package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Check 5: every kind of bad request gets its 4xx with OpenAI's error JSON, and the cluster goes on serving: after
 * each refusal a good request is answered normally.
 */
@Order(2)
class RefusalsIT {

    private static GatewayClient client;

    @BeforeAll
    static void cluster() {
        client = new GatewayClient(E2eClusters.with(), E2eClusters.KEY);
    }

    @AfterEach
    void nextRequestIsServedNormally() {
        HttpResult result = client.post("/v1/completions", ConversationRunner.greedyRequest("tiny",
                new int[] {300, 301, 302, 303}, 4));
        assertEquals(200, result.status(), () -> "after a refusal: " + result.body());
        assertEquals(4, Json.at(result.json(), "/choices/0/token_ids").size());
    }

    @Test
    void noKey() {
        assertRefused(client.withKey(null).post("/v1/completions", good()), 401);
    }

    @Test
    void wrongKey() {
        assertRefused(client.withKey("sk-not-a-key").post("/v1/completions", good()), 401);
    }

    @Test
    void overTheRateLimit() throws Exception {
        GatewayClient limited = client.withKey(E2eClusters.RATE_LIMITED_KEY);
        List<HttpResult> results;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResult>> futures = IntStream.range(0, 80)
                    .mapToObj(i -> pool.submit(() -> limited.get("/v1/models"))).toList();
            results = futures.stream().map(RefusalsIT::join).toList();
        }
        List<HttpResult> refused = results.stream().filter(r -> r.status() == 429).toList();
        assertFalse(refused.isEmpty(), "80 requests at once exceed the default burst of 20");
        results.stream().filter(r -> r.status() != 429).forEach(r -> assertEquals(200, r.status(), r.body()));
        HttpResult one = refused.getFirst();
        assertRefused(one, 429);
        assertTrue(one.headers().firstValue("Retry-After").isPresent(), "a 429 says when to come back");
    }

    @Test
    void bodyTooLarge() {
        byte[] huge = ("{\"model\":\"tiny\",\"prompt\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertRefused(client.post("/v1/completions", huge), 413);
    }

    @Test
    void malformedJson() {
        assertRefused(client.post("/v1/chat/completions",
                "{\"model\": \"tiny\", \"messages\": [".getBytes(StandardCharsets.UTF_8)), 400);
    }

    @Test
    void missingMessages() {
        ObjectNode body = HttpResult.JSON.createObjectNode().put("model", "tiny");
        assertRefused(client.post("/v1/chat/completions", body), 400);
    }

    @Test
    void missingModel() {
        ObjectNode body = good();
        body.remove("model");
        assertRefused(client.post("/v1/completions", body), 400);
    }

    @Test
    void maxTokensZeroOrNegative() {
        assertRefused(client.post("/v1/completions", good().put("max_tokens", 0)), 400);
        assertRefused(client.post("/v1/completions", good().put("max_tokens", -5)), 400);
    }

    @Test
    void promptLongerThanTheContext() {
        int[] prompt = IntStream.range(0, 2100).map(i -> 300 + i % 600).toArray();
        assertRefused(client.post("/v1/completions", ConversationRunner.greedyRequest("tiny", prompt, 4)), 400);
    }

    @Test
    void unknownModel() {
        assertRefused(client.post("/v1/completions", good().put("model", "no-such-model")), 404);
    }

    private static ObjectNode good() {
        return ConversationRunner.greedyRequest("tiny", new int[] {300, 301, 302}, 2);
    }

    private static void assertRefused(HttpResult result, int status) {
        assertEquals(status, result.status(), result.body());
        JsonNode json = result.json();
        assertTrue(Json.at(json, "/error").isObject(), () -> "not OpenAI's error JSON: " + result.body());
        assertFalse(Json.text(json, "/error/message").isBlank(), result.body());
        Json.text(json, "/error/type");
        Json.at(json, "/error/param");
        Json.at(json, "/error/code");
    }

    private static HttpResult join(Future<HttpResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
