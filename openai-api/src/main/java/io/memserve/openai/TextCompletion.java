package io.memserve.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer of {@code /v1/completions} ({@code "object": "text_completion"}), whole or, when streamed, one SSE event
 * per piece of text, as OpenAI sends it. With {@code return_token_ids} each choice carries {@code token_ids} and
 * {@code prompt_token_ids} (a streamed answer sends the prompt's ids in its first event only), as vLLM does.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TextCompletion(String id, String object, long created, String model, List<Choice> choices,
        Usage usage) {
    public static final String OBJECT = "text_completion";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(int index, String text, @JsonInclude(JsonInclude.Include.ALWAYS) FinishReason finishReason,
            List<Integer> promptTokenIds, List<Integer> tokenIds) {
    }

    public static TextCompletion of(String id, long created, String model, Choice choice, Usage usage) {
        return new TextCompletion(id, OBJECT, created, model, List.of(choice), usage);
    }

    /** The last event of a stream with {@code include_usage}: no choices, only the usage. */
    public static TextCompletion usageOnly(String id, long created, String model, Usage usage) {
        return new TextCompletion(id, OBJECT, created, model, List.of(), usage);
    }
}
