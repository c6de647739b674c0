package io.memserve.scheduler.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a stream as OpenAI does: one {@code data: {json}} event per object, flushed as it comes, and
 * {@code data: [DONE]} last. A failure before the first event is still an ordinary HTTP error (the response is not
 * committed until the first event), so refusals keep their status; a failure later is sent as an error event before
 * {@code [DONE]}, since the status line is gone by then.
 */
final class SseStream {
    private static final String DONE = "[DONE]";

    private SseStream() {
    }

    static Mono<Void> write(ServerHttpResponse response, Flux<?> objects) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        AtomicBoolean started = new AtomicBoolean();
        Flux<String> events = objects.map(OpenAiJson::write)
                .doOnNext(event -> started.set(true))
                .concatWith(Mono.just(DONE))
                .onErrorResume(e -> started.get()
                        ? Flux.just(OpenAiJson.write(asOpenAi(e).error()), DONE)
                        : Flux.error(e));
        return response.writeAndFlushWith(events.map(data -> Mono.just(
                response.bufferFactory().wrap(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8)))));
    }

    private static OpenAiException asOpenAi(Throwable e) {
        return e instanceof OpenAiException openAi ? openAi : OpenAiErrors.serverError(e.getMessage());
    }
}
