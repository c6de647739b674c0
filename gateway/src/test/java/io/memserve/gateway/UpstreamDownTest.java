package io.memserve.gateway;

import io.memserve.testcluster.FreePort;
import io.memserve.testcluster.TestRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A gateway whose scheduler address has nothing listening, with a breaker that opens after two failed calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "memserve.gateway.api-keys=key-down",
        "memserve.gateway.breaker.sliding-window-size=2",
        "memserve.gateway.breaker.minimum-number-of-calls=2",
        "memserve.gateway.breaker.failure-rate-threshold=50",
        "memserve.gateway.breaker.wait-in-open-state=10m"})
class UpstreamDownTest {

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("memserve.gateway.scheduler-url", () -> "http://127.0.0.1:" + FreePort.find());
        registry.add("spring.data.redis.url", TestRedis::url);
    }

    @Test
    void anUnreachableSchedulerIsA502UntilTheBreakerOpensThenA503() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer key-down").build();
        for (int i = 0; i < 2; i++) {
            EntityExchangeResult<byte[]> down = client.get().uri("/v1/models").exchange()
                    .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY).expectBody().returnResult();
            GatewayTestSupport.openAiError(down, "server_error", "upstream_unavailable");
        }
        EntityExchangeResult<byte[]> open = client.post().uri("/v1/chat/completions").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody().returnResult();
        GatewayTestSupport.openAiError(open, "server_error", "service_unavailable");
    }
}
