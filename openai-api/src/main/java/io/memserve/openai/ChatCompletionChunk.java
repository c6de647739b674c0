package io.memserve.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One SSE event of a streamed chat completion ({@code "object": "chat.completion.chunk"}): the first carries the
 * role, then content deltas, then one with the finish reason; with {@code include_usage} a last chunk has no choices
 * and the usage.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
        Usage usage) {
    public static final String OBJECT = "chat.completion.chunk";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(int index, Delta delta,
            @JsonInclude(JsonInclude.Include.ALWAYS) FinishReason finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }

    public static ChatCompletionChunk role(String id, long created, String model) {
        return delta(id, created, model, new Delta("assistant", ""), null);
    }

    public static ChatCompletionChunk content(String id, long created, String model, String text) {
        return delta(id, created, model, new Delta(null, text), null);
    }

    public static ChatCompletionChunk finish(String id, long created, String model, FinishReason reason) {
        return delta(id, created, model, new Delta(null, null), reason);
    }

    public static ChatCompletionChunk usage(String id, long created, String model, Usage usage) {
        return new ChatCompletionChunk(id, OBJECT, created, model, List.of(), usage);
    }

    private static ChatCompletionChunk delta(String id, long created, String model, Delta delta, FinishReason reason) {
        return new ChatCompletionChunk(id, OBJECT, created, model, List.of(new Choice(0, delta, reason)), null);
    }
}
