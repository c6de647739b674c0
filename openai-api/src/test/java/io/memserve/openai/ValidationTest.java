package io.memserve.openai;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ValidationTest {
    private static final List<ChatMessage> HI = List.of(new ChatMessage("user", "hi"));

    @Test
    void aPlainRequestPasses() {
        assertDoesNotThrow(() -> ChatCompletionRequest.of("tiny", HI, 8, 0.0, true).validate());
        assertDoesNotThrow(() -> CompletionRequest.of("tiny", Prompt.text("x"), null, null, null).validate());
    }

    @Test
    void missingMessagesPromptAndModelAreNamed() {
        assertRefused("messages", "missing_required_parameter",
                () -> ChatCompletionRequest.of("tiny", null, null, null, null).validate());
        assertRefused("prompt", "missing_required_parameter",
                () -> CompletionRequest.of("tiny", null, null, null, null).validate());
        assertRefused("model", "missing_required_parameter",
                () -> ChatCompletionRequest.of(null, HI, null, null, null).validate());
        assertRefused("messages", "invalid_value",
                () -> ChatCompletionRequest.of("tiny", List.of(), null, null, null).validate());
        assertRefused("messages[1].role", "invalid_value", () -> ChatCompletionRequest.of("tiny",
                List.of(new ChatMessage("user", "a"), new ChatMessage("robot", "b")), null, null, null).validate());
        assertRefused("messages[0].content", "missing_required_parameter", () -> ChatCompletionRequest.of("tiny",
                List.of(new ChatMessage("user", null)), null, null, null).validate());
    }

    @Test
    void outOfRangeSamplingIsRefusedWithItsParameter() {
        assertRefused("max_tokens", "invalid_value", () -> ChatCompletionRequest.of("tiny", HI, 0, null, null).validate());
        assertRefused("max_tokens", "invalid_value",
                () -> CompletionRequest.of("tiny", Prompt.text("x"), -3, null, null).validate());
        assertRefused("max_completion_tokens", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, 5, 0,
                null, null, null, null, null, null, null, null, null).validate());
        assertRefused("temperature", "invalid_value",
                () -> ChatCompletionRequest.of("tiny", HI, null, 2.5, null).validate());
        assertRefused("temperature", "invalid_value",
                () -> ChatCompletionRequest.of("tiny", HI, null, Double.NaN, null).validate());
        assertRefused("top_p", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, null, null, null, 0.0,
                null, null, null, null, null, null, null).validate());
        assertRefused("top_k", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, null, null, null, null,
                -2, null, null, null, null, null, null).validate());
        assertRefused("n", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, null, null, null, null,
                null, null, null, null, null, null, 2).validate());
        assertRefused("stop", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, null, null, null, null,
                null, null, List.of("a", "b", "c", "d", "e"), null, null, null, null).validate());
        assertRefused("stream_options", "invalid_value", () -> new ChatCompletionRequest("tiny", HI, null, null,
                null, null, null, null, null, false, new StreamOptions(true), null, null).validate());
    }

    @Test
    void topKMinusOneMeansNoLimit() {
        ChatCompletionRequest request = new ChatCompletionRequest("tiny", HI, null, null, null, null, -1, null, null,
                null, null, null, null);
        assertDoesNotThrow(request::validate);
        assertEquals(0, request.topKOrDefault());
    }

    private static void assertRefused(String param, String code, Runnable action) {
        OpenAiException e = assertThrows(OpenAiException.class, action::run);
        assertEquals(400, e.status());
        assertEquals(param, e.error().error().param());
        assertEquals(code, e.error().error().code());
        assertEquals(OpenAiErrors.INVALID_REQUEST, e.error().error().type());
    }
}
