package io.memserve.scheduler.web;

import java.time.Instant;
import java.util.Arrays;

import io.memserve.openai.CompletionRequest;
import io.memserve.scheduler.generation.GenerationService;
import io.memserve.scheduler.generation.GenerationSpec;
import io.memserve.scheduler.model.PromptEncoder;
import io.memserve.scheduler.model.ServedModel;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /v1/completions}, streamed as SSE or whole, from text or token ids. */
@RestController
class CompletionsController {
    private final ServedModel model;
    private final PromptEncoder encoder;
    private final GenerationService generations;

    CompletionsController(ServedModel model, PromptEncoder encoder, GenerationService generations) {
        this.model = model;
        this.encoder = encoder;
        this.generations = generations;
    }

    @PostMapping("/v1/completions")
    Mono<Void> complete(@RequestBody(required = false) String body,
            @RequestHeader(name = "X-Session-Id", required = false) String sessionId, ServerHttpResponse response) {
        CompletionRequest request = OpenAiJson.read(body, CompletionRequest.class);
        request.validate();
        ServedModelCheck.require(model, request);
        GenerationSpec spec = generations.spec(request, encoder.completion(request));
        CompletionFormatter formatter = new CompletionFormatter("cmpl-" + spec.requestId(),
                Instant.now().getEpochSecond(), model.name(),
                request.returningTokenIds() ? Arrays.stream(spec.promptTokenIds()).boxed().toList() : null);
        if (request.streaming()) {
            return SseStream.write(response,
                    formatter.chunks(generations.generate(spec, sessionId), request.includeUsage()));
        }
        return JsonResponse.write(response, formatter.whole(generations.generate(spec, sessionId)));
    }
}
