package io.memserve.prefill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.Preset;
import io.memserve.engine.Engine;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.serving.api.InstanceRegistryKeys;
import io.memserve.serving.api.PrefillRequest;
import io.memserve.serving.api.PrefillResponse;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.ServingJson;
import io.memserve.testcluster.FreePort;
import io.memserve.testcluster.PoolProcess;
import io.memserve.testcluster.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** {@code POST /internal/prefill} of a whole worker against two real pools (the node's and the decode one) and Redis. */
class PrefillEndpointTest {

    @TempDir
    static Path models;
    private static PoolProcess prefillPool;
    private static PoolProcess decodePool;
    private static ConfigurableApplicationContext worker;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        prefillPool = PoolProcess.started("pool-p0");
        decodePool = PoolProcess.started("pool-d0");
        Path modelDir = CheckpointGenerator.generate(models, Preset.TINY, 7);
        int port = FreePort.find();
        worker = new SpringApplicationBuilder(PrefillApplication.class).run(
                "--server.port=" + port,
                "--spring.data.redis.url=" + TestRedis.url(),
                "--memserve.model-dir=" + modelDir,
                "--memserve.instance-id=prefill-test",
                "--memserve.mempool-url=" + prefillPool.endpoint.baseUrl(),
                "--memserve.cluster-secret=" + PoolProcess.SECRET,
                "--memserve.kv-pages=128",
                "--memserve.threads=2",
                "--spring.main.banner-mode=off");
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    static void stop() {
        worker.close();
        prefillPool.close();
        decodePool.close();
    }

    @Test
    void theHandoffFillsTheDecodePoolAndASecondPrefillHitsTheCache() {
        int[] prompt = prompt(3 * 16 + 7, 21);

        PrefillResponse first = prefill(new PrefillRequest("r-1", prompt, Sampling.greedy(1), "pool-d0", true));
        PrefillResponse second = prefill(new PrefillRequest("r-2", prompt, Sampling.greedy(1), "pool-d0", true));

        assertEquals(prompt.length, first.promptTokens());
        assertEquals(0, first.cachedTokens());
        assertEquals(3, first.handoffBlocks());
        assertEquals(3 * 16, matched(decodePool, prompt));
        assertEquals(3 * 16, matched(prefillPool, prompt));
        assertEquals(3 * 16, second.cachedTokens());
        assertEquals(0, second.handoffBlocks());
        assertEquals(first.firstToken(), second.firstToken());
    }

    @Test
    void withoutCachingTheBlocksGoOnlyToTheDecodePoolAndAreLaterPulledFromThere() {
        int[] prompt = prompt(2 * 16 + 16, 22);

        PrefillResponse basic = prefill(new PrefillRequest("r-3", prompt, Sampling.greedy(2), "pool-d0", false));

        assertEquals(0, basic.cachedTokens());
        assertEquals(3, basic.handoffBlocks());
        assertEquals(3 * 16, matched(decodePool, prompt));
        assertEquals(0, matched(prefillPool, prompt), "nothing is kept in the prefill pool without caching");

        PrefillResponse cached = prefill(new PrefillRequest("r-4", prompt, Sampling.greedy(2), "pool-d0", true));

        assertEquals(2 * 16, cached.cachedTokens(), "the decode pool's blocks are pulled, the last block recomputed");
        assertEquals(3 * 16, matched(prefillPool, prompt), "with caching the prefill pool keeps the whole prompt");
        assertEquals(basic.firstToken(), cached.firstToken());
    }

    @Test
    void badPromptsAreRefusedWithOpenAiErrors() {
        refused("{\"request_id\":\"r\",\"prompt_token_ids\":[],\"sampling\":" + greedyJson()
                + ",\"decode_pool\":\"pool-d0\",\"cache\":true}", "prompt_token_ids");
        refused("{\"request_id\":\"r\",\"prompt_token_ids\":[1, 99999],\"sampling\":" + greedyJson()
                + ",\"decode_pool\":\"pool-d0\",\"cache\":true}", "prompt_token_ids");
        refused(ServingJson.mapper().writeValueAsString(new PrefillRequest("r", prompt(
                Preset.TINY.shape().maxPositionEmbeddings(), 23), Sampling.greedy(1), "pool-d0", true)),
                "prompt_token_ids");
        refused("{\"request_id\":\"r\",\"prompt_token_ids\":[1,2],\"decode_pool\":\"pool-d0\",\"cache\":true}",
                "sampling");
        refused(ServingJson.mapper().writeValueAsString(new PrefillRequest("r", prompt(20, 24), Sampling.greedy(1),
                "pool-none", false)), "decode_pool");
        http.post().uri("/internal/prefill").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.type").isEqualTo("invalid_request_error");
    }

    @Test
    void theWorkerIsInTheRegistryWithItsPool() {
        var redis = worker.getBean(org.springframework.data.redis.core.ReactiveStringRedisTemplate.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String pool = redis.<String, String>opsForHash().get(InstanceRegistryKeys.instance("prefill-test"), "pool")
                    .block(Duration.ofSeconds(5));
            assertEquals("pool-p0", pool);
            assertTrue(redis.hasKey(InstanceRegistryKeys.alive("prefill-test")).block(Duration.ofSeconds(5)));
        });
    }

    private static PrefillResponse prefill(PrefillRequest request) {
        String body = http.post().uri("/internal/prefill").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ServingJson.mapper().writeValueAsString(request))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return ServingJson.mapper().readValue(body, PrefillResponse.class);
    }

    private static void refused(String body, String param) {
        http.post().uri("/internal/prefill").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.type").isEqualTo("invalid_request_error")
                .jsonPath("$.error.param").isEqualTo(param);
    }

    private static String greedyJson() {
        return "{\"temperature\":0.0,\"top_p\":1.0,\"top_k\":0,\"seed\":1}";
    }

    private static int matched(PoolProcess pool, int[] tokens) {
        Engine engine = worker.getBean(Engine.class);
        String model = engine.modelId();
        String layout = engine.kvLayout().id();
        MatchResponse match = pool.control.match(new MatchRequest(model, layout, tokens, null, null, true, 0))
                .block(Duration.ofSeconds(10));
        return Mono.justOrEmpty(match.leaseId()).flatMap(pool.control::releaseLease)
                .thenReturn(match.matchedTokens()).block(Duration.ofSeconds(10));
    }

    private static int[] prompt(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = 3 + random.nextInt(1000);
        }
        return tokens;
    }
}
