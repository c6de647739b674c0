package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

class StreamingTest extends GatewayTestSupport {

    private static final String KEY = "key-stream";
    private static final Duration SAFETY_NET = Duration.ofSeconds(30);

    @Test
    void eachEventReachesTheClientBeforeTheSchedulerSendsTheNext() {
        CompletableFuture<Void> gate = upstream().newGate();
        FluxExchangeResult<String> result = stream("/v1/stream/gated");
        assertThat(result.getResponseHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM));

        // The scheduler holds back its second event until the client has seen the first: a gateway that buffered
        // the stream would never deliver it, and this would hang until the safety net fails the test.
        List<String> events = result.getResponseBody()
                .doOnNext(event -> gate.complete(null))
                .collectList().block(SAFETY_NET);

        assertThat(events).containsExactly("first", "second", "[DONE]");
    }

    @Test
    void aClientThatGoesAwayCancelsTheSchedulersStream() throws InterruptedException {
        CountDownLatch cancelled = upstream().watchCancel("/v1/stream/endless");
        List<String> seen = stream("/v1/stream/endless").getResponseBody().take(3).collectList().block(SAFETY_NET);
        assertThat(seen).containsExactly("tick 0", "tick 1", "tick 2");
        assertThat(cancelled.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientThatGoesAwayBeforeTheAnswerStartsCancelsTheCall() throws InterruptedException {
        CountDownLatch cancelled = upstream().watchCancel("/v1/silent");
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + KEY).build();
        Mono<ResponseEntity<Void>> call = client.post().uri("/v1/silent").bodyValue("{}").retrieve()
                .toBodilessEntity();
        // The client gives up long before the gateway's own 2 s limit would.
        assertThatThrownBy(() -> call.timeout(Duration.ofMillis(300)).block(SAFETY_NET))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(cancelled.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private FluxExchangeResult<String> stream(String path) {
        return client(KEY).post().uri(path).contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"stream\":true}")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class);
    }
}
