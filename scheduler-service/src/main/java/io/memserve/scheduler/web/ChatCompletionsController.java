package io.memserve.scheduler.web;

import java.time.Instant;

import io.memserve.openai.ChatCompletion;
import io.memserve.openai.ChatCompletionRequest;
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

/** {@code POST /v1/chat/completions}, streamed as SSE or whole. */
@RestController
class ChatCompletionsController {
    private final ServedModel model;
    private final PromptEncoder encoder;
    private final GenerationService generations;

    ChatCompletionsController(ServedModel model, PromptEncoder encoder, GenerationService generations) {
        this.model = model;
        this.encoder = encoder;
        this.generations = generations;
    }

    @PostMapping("/v1/chat/completions")
    Mono<Void> complete(@RequestBody(required = false) String body,
            @RequestHeader(name = "X-Session-Id", required = false) String sessionId, ServerHttpResponse response) {
        ChatCompletionRequest request = OpenAiJson.read(body, ChatCompletionRequest.class);
        request.validate();
        ServedModelCheck.require(model, request);
        GenerationSpec spec = generations.spec(request, encoder.chat(request));
        ChatFormatter formatter = new ChatFormatter("chatcmpl-" + spec.requestId(), Instant.now().getEpochSecond(),
                model.name());
        if (request.streaming()) {
            return SseStream.write(response,
                    formatter.chunks(generations.generate(spec, sessionId), request.includeUsage()));
        }
        return JsonResponse.write(response, formatter.whole(generations.generate(spec, sessionId)));
    }
}
