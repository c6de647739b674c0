package io.memserve.scheduler.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.memserve.openai.FinishReason;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import io.memserve.scheduler.generation.GenerationOutput;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;

class SseStreamTest {
    private static final Flux<GenerationOutput> OUTPUTS = Flux.just(new GenerationOutput.Started(20, 16),
            new GenerationOutput.Piece("Hel", List.of(1, 2)), new GenerationOutput.Piece("", List.of(3)),
            new GenerationOutput.Piece("lo", List.of(4)), new GenerationOutput.Finished(FinishReason.LENGTH, 4));

    @Test
    void chatStreamIsRoleDeltasFinishUsageThenDone() {
        String body = write(new ChatFormatter("c1", 5, "tiny").chunks(OUTPUTS, true));
        String prefix = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":5,\"model\":\"tiny\",";
        assertEquals(prefix + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n"
                + prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
                + prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n"
                + prefix + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
                + prefix + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":4,"
                + "\"total_tokens\":24,\"prompt_tokens_details\":{\"cached_tokens\":16}}}\n\n"
                + "data: [DONE]\n\n", body);
    }

    @Test
    void completionStreamWithTokenIdsCarriesEveryToken() {
        String body = write(new CompletionFormatter("x", 5, "tiny", List.of(9, 9)).chunks(OUTPUTS, false));
        List<String> events = List.of(body.split("\n\n"));
        assertEquals(6, events.size());
        assertTrue(events.getFirst().contains("\"prompt_token_ids\":[9,9],\"token_ids\":[]"), events.getFirst());
        assertTrue(events.get(2).contains("\"text\":\"\",\"finish_reason\":null,\"token_ids\":[3]"), events.get(2));
        assertTrue(events.get(4).contains("\"finish_reason\":\"length\""), events.get(4));
        assertEquals("data: [DONE]", events.getLast());
        events.forEach(e -> assertTrue(e.startsWith("data: "), e));
    }

    @Test
    void aFailureBeforeTheFirstEventIsAnHttpErrorAndAfterItAnErrorEvent() {
        OpenAiException busy = OpenAiErrors.overloaded();
        assertThrows(OpenAiException.class, () -> write(Flux.error(busy)));

        String body = write(Flux.concat(Flux.just("first"), Flux.error(OpenAiErrors.serviceUnavailable("gone"))));
        assertEquals("data: \"first\"\n\ndata: {\"error\":{\"message\":\"gone\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":\"service_unavailable\"}}\n\ndata: [DONE]\n\n", body);
    }

    @Test
    void wholeAnswersAddUp() {
        var chat = new ChatFormatter("c1", 5, "tiny").whole(OUTPUTS).block();
        assertEquals("Hello", chat.choices().getFirst().message().content());
        assertEquals(24, chat.usage().totalTokens());
        var text = new CompletionFormatter("x", 5, "tiny", List.of(7)).whole(OUTPUTS).block();
        assertEquals(List.of(1, 2, 3, 4), text.choices().getFirst().tokenIds());
        assertEquals(List.of(7), text.choices().getFirst().promptTokenIds());
    }

    private static String write(Flux<?> objects) {
        MockServerHttpResponse response = new MockServerHttpResponse();
        SseStream.write(response, objects).block();
        assertEquals(MediaType.TEXT_EVENT_STREAM, response.getHeaders().getContentType());
        return response.getBodyAsString().block();
    }
}
