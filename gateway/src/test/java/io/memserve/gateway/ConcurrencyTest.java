package io.memserve.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ConcurrencyTest extends GatewayTestSupport {

    /** More than the 25 concurrent calls Resilience4j's default bulkhead would let through. */
    private static final int CALLS = 30;

    @Test
    void manyLongCallsAtOnceAreAllServed() {
        WebClient client = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer key-concurrency").build();
        List<HttpStatusCode> statuses = Flux.range(0, CALLS)
                .flatMap(i -> client.post().uri("/v1/slow-start").bodyValue("{}").retrieve().toBodilessEntity()
                        .map(ResponseEntity::getStatusCode)
                        .onErrorResume(WebClientResponseException.class, e -> Mono.just(e.getStatusCode())), CALLS)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(CALLS).allMatch(HttpStatusCode::is2xxSuccessful);
    }
}
