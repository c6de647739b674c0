package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays a {@link ConversationScript} against the gateway with greedy decoding, one turn after the other, each turn
 * streamed as chat clients do, with the usage chunk at its end.
 */
final class ConversationRunner {

    private ConversationRunner() {
    }

    static Transcript run(GatewayClient client, String model, ConversationScript script) {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> answers = new ArrayList<>();
        List<Integer> promptTokens = new ArrayList<>();
        List<Integer> cachedTokens = new ArrayList<>();
        for (int turn = 0; turn < script.turns(); turn++) {
            int[] prompt = script.prompt(turn, answers);
            ObjectNode request = greedyRequest(model, prompt, script.answerTokens());
            request.put("stream", true);
            request.putObject("stream_options").put("include_usage", true);
            List<JsonNode> events = SseEvents.parse(client.streamLines("/v1/completions", request));
            List<Integer> answer = new ArrayList<>();
            for (JsonNode event : events.subList(0, events.size() - 1)) {
                event.at("/choices/0/token_ids").forEach(t -> answer.add(t.asInt()));
            }
            assertEquals(script.answerTokens(), answer.size(), "ignore_eos answers are max_tokens long");
            JsonNode usage = Json.at(events.getLast(), "/usage");
            prompts.add(prompt);
            answers.add(answer.stream().mapToInt(Integer::intValue).toArray());
            promptTokens.add(Json.integer(usage, "/prompt_tokens"));
            cachedTokens.add(Json.integer(usage, "/prompt_tokens_details/cached_tokens"));
        }
        return new Transcript(prompts, answers, promptTokens, cachedTokens);
    }

    static ObjectNode greedyRequest(String model, int[] prompt, int maxTokens) {
        ObjectNode body = HttpResult.JSON.createObjectNode();
        body.put("model", model);
        var ids = body.putArray("prompt");
        for (int id : prompt) {
            ids.add(id);
        }
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0.0);
        body.put("ignore_eos", true);
        body.put("return_token_ids", true);
        return body;
    }
}
