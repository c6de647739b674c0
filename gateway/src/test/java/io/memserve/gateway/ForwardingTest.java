package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class ForwardingTest extends GatewayTestSupport {

    private static final String KEY = "key-forwarding";

    @Test
    void forwardsTheRequestAndPassesTheAnswerBack() {
        String request = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        EntityExchangeResult<byte[]> result = client(KEY).post().uri("/v1/chat/completions?trace=1")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Session-Id", "conversation-7")
                .header("X-MemServe-Key-Id", "spoofed")
                .bodyValue(request)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CREATED)
                .expectHeader().valueEquals("X-Upstream", "fake")
                .expectHeader().exists("X-RateLimit-Remaining")
                .expectBody().returnResult();

        Map<String, Object> echo = json(result);
        assertThat(echo).containsEntry("method", "POST")
                .containsEntry("uri", "/v1/chat/completions?trace=1")
                .containsEntry("body", request)
                .containsEntry("sessionId", "conversation-7")
                .containsEntry("authorization", null);
        assertThat(echo.get("keyId")).asString().matches("[0-9a-f]{16}");
    }

    @Test
    void theKeyIdIsTheSameOnEveryRequestOfAKey() {
        Object first = json(client(KEY).post().uri("/v1/chat/completions").bodyValue("{}").exchange()
                .expectBody().returnResult()).get("keyId");
        Object second = json(client(KEY).post().uri("/v1/chat/completions").bodyValue("{}").exchange()
                .expectBody().returnResult()).get("keyId");
        Object other = json(client("key-auth").post().uri("/v1/chat/completions").bodyValue("{}").exchange()
                .expectBody().returnResult()).get("keyId");
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void anUpstreamErrorIsPassedOnUntouched() {
        client(KEY).post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.message").isEqualTo("from upstream")
                .jsonPath("$.error.code").isEqualTo("model_not_found");
    }

    @Test
    void listsModels() {
        client(KEY).get().uri("/v1/models").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data[0].id").isEqualTo("tiny");
    }

    @Test
    void anUnknownPathIsA404InOpenAiFormat() {
        EntityExchangeResult<byte[]> result = client(KEY).get().uri("/v2/models").exchange()
                .expectStatus().isNotFound().expectBody().returnResult();
        assertThat(openAiError(result, "invalid_request_error", "unknown_url").get("message"))
                .isEqualTo("Invalid URL (GET /v2/models)");
    }

    @Test
    void aWrongMethodIsA405InOpenAiFormat() {
        EntityExchangeResult<byte[]> result = client().delete().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED).expectBody().returnResult();
        openAiError(result, "invalid_request_error", "method_not_allowed");
    }
}
