package io.memserve.openai;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Token counts of one request; {@code cached_tokens} is the part of the prompt whose KV was reused, not computed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(int promptTokens, int completionTokens, int totalTokens, PromptTokensDetails promptTokensDetails) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PromptTokensDetails(int cachedTokens) {
    }

    public static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                new PromptTokensDetails(cachedTokens));
    }
}
