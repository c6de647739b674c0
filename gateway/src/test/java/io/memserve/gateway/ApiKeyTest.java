package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class ApiKeyTest extends GatewayTestSupport {

    @Test
    void noKeyIsRefusedWithoutReachingTheScheduler() {
        int before = upstream().hits("/v1/models");
        EntityExchangeResult<byte[]> result = client().get().uri("/v1/models").exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult();
        openAiError(result, "invalid_request_error", "missing_api_key");
        assertThat(upstream().hits("/v1/models")).isEqualTo(before);
    }

    @Test
    void aKeyNotSentAsBearerCountsAsNoKey() {
        for (String authorization : new String[] {"Basic a2V5LWF1dGg6", "Bearer ", "key-auth"}) {
            EntityExchangeResult<byte[]> result = client().get().uri("/v1/models")
                    .header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                    .expectStatus().isUnauthorized().expectBody().returnResult();
            openAiError(result, "invalid_request_error", "missing_api_key");
        }
    }

    @Test
    void aWrongKeyIsRefusedWithItsOwnMessage() {
        int before = upstream().hits("/v1/models");
        EntityExchangeResult<byte[]> wrong = client("key-aut").get().uri("/v1/models").exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult();
        EntityExchangeResult<byte[]> missing = client().get().uri("/v1/models").exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult();
        assertThat(openAiError(wrong, "invalid_request_error", "invalid_api_key").get("message"))
                .isNotEqualTo(openAiError(missing, "invalid_request_error", "missing_api_key").get("message"));
        assertThat(upstream().hits("/v1/models")).isEqualTo(before);
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        client().get().uri("/v1/models").header(HttpHeaders.AUTHORIZATION, "bearer key-auth").exchange()
                .expectStatus().isOk();
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/v1/models").exchange().expectStatus().isUnauthorized();
        String metrics = client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("memserve_gateway_refusals_total{", "status=\"401\"",
                "resilience4j_circuitbreaker_state{");
    }
}
