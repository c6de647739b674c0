package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Plays a {@link ConversationScript} against the gateway with greedy decoding, one turn after the other. */
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
            HttpResult result = client.post("/v1/completions", greedyRequest(model, prompt, script.answerTokens()));
            assertEquals(200, result.status(), () -> "turn answered " + result.status() + ": " + result.body());
            JsonNode json = result.json();
            JsonNode choice = json.get("choices").get(0);
            int[] answer = ints(choice.get("token_ids"));
            assertEquals(script.answerTokens(), answer.length, "ignore_eos answers are max_tokens long");
            prompts.add(prompt);
            answers.add(answer);
            promptTokens.add(json.get("usage").get("prompt_tokens").asInt());
            cachedTokens.add(json.get("usage").get("prompt_tokens_details").get("cached_tokens").asInt());
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

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
