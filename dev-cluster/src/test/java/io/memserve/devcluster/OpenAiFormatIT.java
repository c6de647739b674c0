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
        assertEquals("list", json.get("object").asString());
        assertTrue(StreamSupport.stream(json.get("data").spliterator(), false)
                .anyMatch(m -> m.get("id").asString().equals("tiny") && m.get("object").asString().equals("model")),
                result.body());
    }

    @Test
    void chatCompletionWhole() {
        HttpResult result = client.post("/v1/chat/completions", chat(false));
        assertEquals(200, result.status(), result.body());
        JsonNode json = result.json();
        assertEquals("chat.completion", json.get("object").asString());
        assertEquals("tiny", json.get("model").asString());
        assertTrue(json.get("id").asString().length() > 0);
        JsonNode choice = json.get("choices").get(0);
        assertEquals("assistant", choice.get("message").get("role").asString());
        assertTrue(choice.get("message").get("content").isString());
        assertFinishReason(choice);
        assertUsageAddsUp(json.get("usage"), 8);
    }

    @Test
    void textCompletionWhole() {
        HttpResult result = client.post("/v1/completions", completion(false));
        assertEquals(200, result.status(), result.body());
        JsonNode json = result.json();
        assertEquals("text_completion", json.get("object").asString());
        JsonNode choice = json.get("choices").get(0);
        assertTrue(choice.get("text").isString());
        assertFinishReason(choice);
        JsonNode usage = json.get("usage");
        assertUsageAddsUp(usage, 8);
        assertEquals(choice.get("token_ids").size(), usage.get("completion_tokens").asInt());
        assertEquals(choice.get("prompt_token_ids").size(), usage.get("prompt_tokens").asInt());
    }

    @Test
    void chatCompletionStreamedWithUsage() {
        ObjectNode request = chat(true);
        request.putObject("stream_options").put("include_usage", true);
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/chat/completions", request));
        JsonNode usageChunk = events.getLast();
        assertEquals(0, usageChunk.get("choices").size(), "the usage chunk has no choices");
        assertUsageAddsUp(usageChunk.get("usage"), 8);
        List<JsonNode> chunks = events.subList(0, events.size() - 1);
        assertEquals("assistant", chunks.getFirst().get("choices").get(0).get("delta").get("role").asString());
        int finishes = 0;
        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.get("object").asString());
            assertFalse(chunk.has("usage") && !chunk.get("usage").isNull(), "only the last chunk carries usage");
            JsonNode choice = chunk.get("choices").get(0);
            JsonNode content = choice.get("delta").get("content");
            if (content != null && !content.isNull()) {
                streamed.append(content.asString());
            }
            if (choice.hasNonNull("finish_reason")) {
                finishes++;
                assertFinishReason(choice);
            }
        }
        assertEquals(1, finishes, "exactly one chunk carries the finish reason");
        HttpResult whole = client.post("/v1/chat/completions", chat(false));
        assertEquals(whole.json().get("choices").get(0).get("message").get("content").asString(),
                streamed.toString(), "greedy text is the same streamed or whole");
    }

    @Test
    void textCompletionStreamedCountsItsTokens() {
        ObjectNode request = completion(true);
        request.putObject("stream_options").put("include_usage", true);
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/completions", request));
        JsonNode usage = events.getLast().get("usage");
        assertUsageAddsUp(usage, 8);
        List<Integer> tokenIds = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events.subList(0, events.size() - 1)) {
            assertEquals("text_completion", event.get("object").asString());
            JsonNode choice = event.get("choices").get(0);
            text.append(choice.get("text").asString());
            if (choice.has("token_ids")) {
                choice.get("token_ids").forEach(t -> tokenIds.add(t.asInt()));
            }
        }
        assertEquals(usage.get("completion_tokens").asInt(), tokenIds.size(), "usage counts the streamed tokens");
        JsonNode whole = client.post("/v1/completions", completion(false)).json().get("choices").get(0);
        assertEquals(whole.get("text").asString(), text.toString());
        assertEquals(StreamSupport.stream(whole.get("token_ids").spliterator(), false).map(JsonNode::asInt).toList(),
                tokenIds);
    }

    @Test
    void streamWithoutIncludeUsageHasNoUsageChunk() {
        List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/completions", completion(true)));
        for (JsonNode event : events) {
            assertFalse(event.hasNonNull("usage"), () -> "usage without include_usage: " + event);
            assertEquals(1, event.get("choices").size());
        }
    }

    private static ObjectNode chat(boolean stream) {
        ObjectNode body = HttpResult.JSON.createObjectNode();
        body.put("model", "tiny");
        body.putArray("messages").addObject().put("role", "user").put("content", "Tell me about caches.");
        body.put("max_tokens", 8);
        body.put("temperature", 0.0);
        body.put("stream", stream);
        return body;
    }

    private static ObjectNode completion(boolean stream) {
        ObjectNode body = HttpResult.JSON.createObjectNode();
        body.put("model", "tiny");
        body.put("prompt", "Once upon a time");
        body.put("max_tokens", 8);
        body.put("temperature", 0.0);
        body.put("return_token_ids", true);
        body.put("stream", stream);
        return body;
    }

    private static void assertFinishReason(JsonNode choice) {
        String reason = choice.get("finish_reason").asString();
        assertTrue(reason.equals("stop") || reason.equals("length"), () -> "finish_reason " + reason);
    }

    /** A finish by length fills max_tokens; one by stop (the model's end token) may come at any count. */
    private static void assertUsageAddsUp(JsonNode usage, int maxTokens) {
        int prompt = usage.get("prompt_tokens").asInt();
        int completion = usage.get("completion_tokens").asInt();
        int cached = usage.get("prompt_tokens_details").get("cached_tokens").asInt();
        assertTrue(prompt > 0, () -> "prompt_tokens " + prompt);
        assertTrue(completion >= 0 && completion <= maxTokens, () -> "completion_tokens " + completion);
        assertEquals(prompt + completion, usage.get("total_tokens").asInt(), "total = prompt + completion");
        assertTrue(cached >= 0 && cached <= prompt, () -> "cached_tokens " + cached + " of " + prompt);
    }
}
