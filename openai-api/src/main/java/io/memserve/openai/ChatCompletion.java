package io.memserve.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The non-streaming answer of {@code /v1/chat/completions} ({@code "object": "chat.completion"}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
        Usage usage) {
    public static final String OBJECT = "chat.completion";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(int index, ChatMessage message, @JsonInclude(JsonInclude.Include.ALWAYS) FinishReason finishReason) {
    }

    public static ChatCompletion of(String id, long created, String model, String text, FinishReason finishReason,
            Usage usage) {
        return new ChatCompletion(id, OBJECT, created, model,
                List.of(new Choice(0, new ChatMessage("assistant", text), finishReason)), usage);
    }
}
