package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The scheduler must start answering within 2 s and may fall silent for at most 5 s (GatewayTestSupport). */
class TimeLimitTest extends GatewayTestSupport {

    private static final String KEY = "key-timeout";
    private static final Duration SAFETY_NET = Duration.ofSeconds(30);

    @Test
    void aSlowStartWithinTheLimitIsServed() {
        client(KEY).post().uri("/v1/slow-start").bodyValue("{}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.slow").isEqualTo(true);
    }

    @Test
    void aStreamThatOutlivesTheLimitIsNotCut() {
        List<String> events = client(KEY).post().uri("/v1/stream/pause").accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{}").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody()
                .collectList().block(SAFETY_NET);
        assertThat(FakeScheduler.PAUSE).isGreaterThan(Duration.ofSeconds(2));
        assertThat(events).containsExactly("first", "second", "[DONE]");
    }

    @Test
    void noAnswerWithinTheLimitIsA504AndTheCallIsCancelled() throws InterruptedException {
        CountDownLatch cancelled = upstream().watchCancel("/v1/silent");
        EntityExchangeResult<byte[]> result = client(KEY).post().uri("/v1/silent").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT).expectBody().returnResult();
        openAiError(result, "server_error", "upstream_timeout");
        assertThat(cancelled.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStalledStreamIsCutAndTheCallIsCancelled() throws InterruptedException {
        CountDownLatch cancelled = upstream().watchCancel("/v1/stream/stall");
        List<String> events = new ArrayList<>();
        Throwable ending = client(KEY).post().uri("/v1/stream/stall").accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{}").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody()
                .doOnNext(events::add)
                .then().flux().materialize().blockFirst(SAFETY_NET).getThrowable();
        assertThat(events).containsExactly("first");
        assertThat(ending).as("the client sees the stream broken, not finished").isNotNull();
        assertThat(cancelled.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
}
