package io.memserve.scheduler.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Writes a whole (non-streamed) answer. The endpoints write to the response themselves in both modes, so one handler
 * signature ({@code Mono<Void>}) serves streamed and whole answers and nothing wraps the JSON a second time.
 */
final class JsonResponse {

    private JsonResponse() {
    }

    static Mono<Void> write(ServerHttpResponse response, Mono<?> object) {
        return object.flatMap(value -> {
            byte[] json = OpenAiJson.write(value).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getHeaders().setContentLength(json.length);
            return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
        });
    }
}
