package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The bucket holds 40 tokens and gains 1 a second (GatewayTestSupport). */
class RateLimitTest extends GatewayTestSupport {

    private static final int BURST = 40;

    @Test
    void aKeyOverItsLimitIsRefusedWithRetryAfterAndServedAgainAfterIt() throws InterruptedException {
        WebTestClient client = client("key-rate");
        for (int i = 0; i < BURST; i++) {
            client.get().uri("/v1/models").exchange().expectStatus().isOk();
        }
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < BURST && refused == null; i++) {
            EntityExchangeResult<byte[]> result = client.get().uri("/v1/models").exchange().expectBody().returnResult();
            if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                refused = result;
            } else {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
            }
        }
        assertThat(refused).as("a request over the burst is refused").isNotNull();
        openAiError(refused, "requests", "rate_limit_exceeded");
        String retryAfter = refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(retryAfter).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");

        Thread.sleep(Long.parseLong(retryAfter) * 1000);

        client.get().uri("/v1/models").exchange().expectStatus().isOk();
    }

    @Test
    void anotherKeyKeepsItsOwnBucket() {
        client("key-size").get().uri("/v1/models").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", String.valueOf(BURST));
    }
}
