package io.memserve.bench.client;

import java.util.ArrayList;
import java.util.List;

import io.memserve.openai.TextCompletion;
import io.memserve.openai.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OpenAI completion stream line by line as it arrives: {@code data: {json}} events, {@code data: [DONE]}
 * last. Times every chunk that carries tokens and collects the prompt ids (first event), the answer ids and the usage.
 */
final class StreamReader {
    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long startNanos;
    private final List<Double> chunkMs = new ArrayList<>();
    private final List<Integer> answer = new ArrayList<>();
    private List<Integer> prompt;
    private Usage usage;
    private String error;
    private boolean done;

    StreamReader(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Takes one line of the body; returns false once the stream has ended or failed. */
    boolean accept(String line) {
        if (!line.startsWith(DATA)) {
            return true;
        }
        String data = line.substring(DATA.length()).strip();
        if (data.equals(DONE)) {
            done = true;
            return false;
        }
        JsonNode event = JSON.readTree(data);
        if (event.has("error")) {
            error = "error event: " + event.get("error").path("message").asString();
            return false;
        }
        TextCompletion chunk = JSON.treeToValue(event, TextCompletion.class);
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        for (TextCompletion.Choice choice : chunk.choices()) {
            if (choice.promptTokenIds() != null) {
                prompt = choice.promptTokenIds();
            }
            if (choice.tokenIds() != null && !choice.tokenIds().isEmpty()) {
                chunkMs.add(msSinceStart());
                answer.addAll(choice.tokenIds());
            }
        }
        return true;
    }

    Exchange finish(int session, int turn, int[] sentPrompt) {
        double endMs = msSinceStart();
        String failure = error != null ? error
                : !done ? "stream ended without [DONE]"
                : usage == null ? "no usage chunk (stream_options.include_usage)"
                : prompt == null ? "no prompt_token_ids (return_token_ids)"
                : answer.isEmpty() ? "no answer tokens"
                : null;
        if (failure != null) {
            return Exchange.failed(session, turn, startNanos, sentPrompt, endMs, failure);
        }
        return new Exchange(session, turn, startNanos, chunkMs.stream().mapToDouble(Double::doubleValue).toArray(),
                endMs, prompt.stream().mapToInt(Integer::intValue).toArray(),
                answer.stream().mapToInt(Integer::intValue).toArray(), usage.promptTokens(),
                usage.promptTokensDetails() == null ? 0 : usage.promptTokensDetails().cachedTokens(),
                usage.completionTokens(), null);
    }

    private double msSinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
