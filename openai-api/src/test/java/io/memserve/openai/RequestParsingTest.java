package io.memserve.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class RequestParsingTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void chatRequestReadsSnakeCaseAndStopAsStringOrList() {
        ChatCompletionRequest one = json.readValue("""
                {"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":5,
                 "top_p":0.5,"top_k":3,"stop":"END","stream":true,"stream_options":{"include_usage":true},
                 "ignore_eos":true,"frequency_penalty":0}""", ChatCompletionRequest.class);
        assertEquals(List.of("END"), one.stopSequences());
        assertEquals(new GenerationRequest.RequestedLength(5, "max_completion_tokens"), one.requestedLength());
        assertEquals(0.5, one.topPOrDefault());
        assertEquals(3, one.topKOrDefault());
        assertEquals(true, one.includeUsage());
        assertEquals(true, one.ignoringEos());

        ChatCompletionRequest list = json.readValue("""
                {"model":"tiny","messages":[{"role":"user","content":"hi"}],"stop":["a","b"],"max_tokens":7}""",
                ChatCompletionRequest.class);
        assertEquals(List.of("a", "b"), list.stopSequences());
        assertEquals(new GenerationRequest.RequestedLength(7, "max_tokens"), list.requestedLength());
        assertEquals(GenerationRequest.DEFAULT_TEMPERATURE, list.temperatureOrDefault());
    }

    @Test
    void promptTakesTextOrTokenIdsInEveryShapeOpenAiAccepts() {
        assertEquals(Prompt.text("hello"), prompt("\"hello\""));
        assertEquals(Prompt.text("hello"), prompt("[\"hello\"]"));
        assertEquals(Prompt.tokenIds(List.of(1, 2, 3)), prompt("[1,2,3]"));
        assertEquals(Prompt.tokenIds(List.of(4, 5)), prompt("[[4,5]]"));
    }

    @Test
    void promptRefusesBatchesMixedListsAndEmptyLists() {
        for (String bad : List.of("[\"a\",\"b\"]", "[[1],[2]]", "[1,\"x\"]", "[]", "[[]]", "{}", "3", "[1.5]")) {
            JacksonException e = assertThrows(JacksonException.class, () -> prompt(bad), bad);
            OpenAiException refusal = OpenAiErrors.unreadableBody(e);
            assertEquals(400, refusal.status());
            assertEquals("prompt", refusal.error().error().param(), bad);
        }
    }

    @Test
    void completionRequestSerializesBackToTheSameJsonShape() {
        CompletionRequest request = new CompletionRequest("tiny", Prompt.tokenIds(List.of(1, 2)), 4, 0.0, null, null,
                7L, List.of("x"), false, null, null, null, true);
        String text = json.writeValueAsString(request);
        assertEquals("{\"model\":\"tiny\",\"prompt\":[1,2],\"max_tokens\":4,\"temperature\":0.0,\"seed\":7,"
                + "\"stop\":[\"x\"],\"stream\":false,\"return_token_ids\":true}", text);
        assertEquals(request, json.readValue(text, CompletionRequest.class));
    }

    @Test
    void brokenJsonIsMalformedAndWrongTypesNameTheirParameter() {
        OpenAiException broken = OpenAiErrors.unreadableBody(assertThrows(JacksonException.class,
                () -> json.readValue("{\"model\": ", ChatCompletionRequest.class)));
        assertEquals(400, broken.status());
        assertEquals(null, broken.error().error().param());

        OpenAiException wrongType = OpenAiErrors.unreadableBody(assertThrows(JacksonException.class,
                () -> json.readValue("{\"messages\":[{\"role\":\"user\",\"content\":{\"x\":1}}]}",
                        ChatCompletionRequest.class)));
        assertEquals("messages[0].content", wrongType.error().error().param());
        assertInstanceOf(String.class, wrongType.error().error().message());
    }

    private Prompt prompt(String value) {
        return json.readValue("{\"prompt\":" + value + "}", CompletionRequest.class).prompt();
    }
}
