package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Check 1: the public API speaks OpenAI's format, whole and streamed, chat and completions. */
@Order(1)
class OpenAiFormatIT {

    private static final int MAX_TOKENS = 8;

    private static GatewayClient client;

    @BeforeAll
    static void cluster() {
        client = new GatewayClient(E2eClusters.with(), E2eClusters.KEY);
    }

    @Test
    void modelsListsTheServedModel() {
        HttpResult result = client.get("/v1/models");
        assertEquals(200, result.status(), result.body());
        JsonNode json = result.json();
        assertEquals("list", Json.text(json, "/object"));
        assertTrue(StreamSupport.stream(Json.at(json, "/data").spliterator(), false)
                .anyMatch(m -> Json.text(m, "/id").equals("tiny") && Json.text(m, "/object").equals("model")),
                result.body());
    }

    @Test
    void chatCompletionWhole() {
        HttpResult result = client.post("/v1/chat/completions", chat(false));
        assertEquals(200, result.status(), result.body());
        JsonNode json = result.json();
        assertEquals("chat.completion", Json.text(json, "/object"));
        assertEquals("tiny", Json.text(json, "/model"));
        assertFalse(Json.text(json, "/id").isEmpty());
        assertEquals("assistant", Json.text(json, "/choices/0/message/role"));
        Json.text(json, "/choices/0/message/content");
        assertFinishReason(Json.at(json, "/choices/0"));
        assertUsageAddsUp(Json.at(json, "/usage"));
    }

    @Test
    void textCompletionWhole() {
        HttpResult result = client.post("/v1/completions", completion(false));
        assertEquals(200, result.status(), result.body());
        JsonNode json = result.json();
        assertEquals("text_completion", Json.text(json, "/object"));
        Json.text(json, "/choices/0/text");
        assertFinishReason(Json.at(json, "/choices/0"));
        assertUsageAddsUp(Json.at(json, "/usage"));
        assertEquals(Json.at(json, "/choices/0/token_ids").size(), Json.integer(json, "/usage/completion_tokens"));
        assertEquals(Json.at(json, "/choices/0/prompt_token_ids").size(), Json.integer(json, "/usage/prompt_tokens"));
    }

    @Test
    void chatCompletionStreamedWithUsage() {
        ObjectNode request = chat(true);
        request.putObject("stream_options").put("include_usage", true);
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/chat/completions", request));
        JsonNode usageChunk = events.getLast();
        assertEquals(0, Json.at(usageChunk, "/choices").size(), "the usage chunk has no choices");
        assertUsageAddsUp(Json.at(usageChunk, "/usage"));
        List<JsonNode> chunks = events.subList(0, events.size() - 1);
        assertEquals("assistant", Json.text(chunks.getFirst(), "/choices/0/delta/role"));
        int finishes = 0;
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertEquals("chat.completion.chunk", Json.text(chunk, "/object"));
            assertFalse(chunk.hasNonNull("usage"), () -> "only the last chunk carries usage: " + chunk);
            JsonNode content = chunk.at("/choices/0/delta/content");
            if (content.isString()) {
                streamed.append(content.asString());
            }
            if (Json.at(chunk, "/choices/0").hasNonNull("finish_reason")) {
                finishes++;
                assertFinishReason(Json.at(chunk, "/choices/0"));
            }
        }
        assertEquals(1, finishes, "exactly one chunk carries the finish reason");
        HttpResult whole = client.post("/v1/chat/completions", chat(false));
        assertEquals(Json.text(whole.json(), "/choices/0/message/content"), streamed.toString(),
                "greedy text is the same streamed or whole");
    }

    @Test
    void textCompletionStreamedCountsItsTokens() {
        ObjectNode request = completion(true);
        request.putObject("stream_options").put("include_usage", true);
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/completions", request));
        JsonNode usage = Json.at(events.getLast(), "/usage");
        assertUsageAddsUp(usage);
        List<Integer> tokenIds = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertEquals("text_completion", Json.text(event, "/object"));
            text.append(Json.text(event, "/choices/0/text"));
            event.at("/choices/0/token_ids").forEach(t -> tokenIds.add(t.asInt()));
        }
        assertEquals(Json.integer(usage, "/completion_tokens"), tokenIds.size(), "usage counts the streamed tokens");
        JsonNode whole = client.post("/v1/completions", completion(false)).json();
        assertEquals(Json.text(whole, "/choices/0/text"), text.toString());
        assertEquals(StreamSupport.stream(Json.at(whole, "/choices/0/token_ids").spliterator(), false)
                .map(JsonNode::asInt).toList(), tokenIds);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() {
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/completions", completion(true)));
        for (JsonNode event : events) {
            assertFalse(event.hasNonNull("usage"), () -> "usage without include_usage: " + event);
            assertEquals(1, Json.at(event, "/choices").size(), event::toString);
        }
    }

    private static ObjectNode chat(boolean stream) {
        ObjectNode body = HttpResult.JSON.createObjectNode();
        body.put("model", "tiny");
        body.putArray("messages").addObject().put("role", "user").put("content", "Tell me about caches.");
        body.put("max_tokens", MAX_TOKENS);
        body.put("temperature", 0.0);
        body.put("stream", stream);
        return body;
    }

    private static ObjectNode completion(boolean stream) {
        ObjectNode body = HttpResult.JSON.createObjectNode();
        body.put("model", "tiny");
        body.put("prompt", "Once upon a time");
        body.put("max_tokens", MAX_TOKENS);
        body.put("temperature", 0.0);
        body.put("return_token_ids", true);
        body.put("stream", stream);
        return body;
    }

    private static void assertFinishReason(JsonNode choice) {
        String reason = Json.text(choice, "/finish_reason");
        assertTrue(reason.equals("stop") || reason.equals("length"), () -> "finish_reason " + reason);
    }

    /** A finish by length fills max_tokens; one by stop (the model's end token) may come at any count. */
    private static void assertUsageAddsUp(JsonNode usage) {
        int prompt = Json.integer(usage, "/prompt_tokens");
        int completion = Json.integer(usage, "/completion_tokens");
        int cached = Json.integer(usage, "/prompt_tokens_details/cached_tokens");
        assertTrue(prompt > 0, () -> "prompt_tokens " + prompt);
        assertTrue(completion >= 0 && completion <= MAX_TOKENS, () -> "completion_tokens " + completion);
        assertEquals(prompt + completion, Json.integer(usage, "/total_tokens"), "total = prompt + completion");
        assertTrue(cached >= 0 && cached <= prompt, () -> "cached_tokens " + cached + " of " + prompt);
    }
}
