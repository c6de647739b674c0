package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** The limit is 4 KiB (GatewayTestSupport). */
class RequestSizeTest extends GatewayTestSupport {

    private static final String KEY = "key-size";
    private static final String ECHO = "/v1/chat/completions";

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeForwarding() {
        int before = upstream().hits(ECHO);
        EntityExchangeResult<byte[]> result = client(KEY).post().uri(ECHO).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(filled(MAX_BODY + 1))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE).expectBody().returnResult();
        openAiError(result, "invalid_request_error", "request_too_large");
        assertThat(upstream().hits(ECHO)).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsCountedAsItStreams() {
        int before = upstream().hits(ECHO);
        EntityExchangeResult<byte[]> result = client(KEY).post().uri(ECHO).contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks(MAX_BODY / 2 + 1, 3)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE).expectBody().returnResult();
        assertThat(result.getRequestHeaders().getContentLength()).as("nothing declared").isEqualTo(-1);
        openAiError(result, "invalid_request_error", "request_too_large");
        assertThat(upstream().hits(ECHO)).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsForwardedWhole() {
        EntityExchangeResult<byte[]> result = client(KEY).post().uri(ECHO).contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks(MAX_BODY / 4, 4)))
                .exchange()
                .expectStatus().isCreated().expectBody().returnResult();
        Map<String, Object> echo = json(result);
        assertThat(echo).containsEntry("bodyBytes", MAX_BODY)
                .containsEntry("contentLength", String.valueOf(MAX_BODY))
                .containsEntry("transferEncoding", null)
                .containsEntry("body", new String(filled(MAX_BODY), StandardCharsets.UTF_8));
    }

    private static Flux<DataBuffer> chunks(int chunkBytes, int count) {
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(filled(chunkBytes)));
    }

    private static byte[] filled(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'x');
        return body;
    }
}
