package io.memserve.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/completions}. Without {@code max_tokens} a completion is 16 tokens long, as OpenAI's is. With
 * {@code return_token_ids} the response carries the prompt's and the completion's token ids (as vLLM does), so a
 * client can build exact multi-turn token sequences.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionRequest(
        String model,
        Prompt prompt,
        Integer maxTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Long seed,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Boolean stream,
        StreamOptions streamOptions,
        Boolean ignoreEos,
        Integer n,
        Boolean returnTokenIds) implements GenerationRequest {

    public static final int DEFAULT_MAX_TOKENS = 16;

    /** A request with only the fields most callers set; the rest stay unset. */
    public static CompletionRequest of(String model, Prompt prompt, Integer maxTokens, Double temperature,
            Boolean stream) {
        return new CompletionRequest(model, prompt, maxTokens, temperature, null, null, null, null, stream, null,
                null, null, null);
    }

    @Override
    public RequestedLength requestedLength() {
        return maxTokens == null ? null : new RequestedLength(maxTokens, "max_tokens");
    }

    @Override
    public String promptParam() {
        return "prompt";
    }

    public boolean returningTokenIds() {
        return Boolean.TRUE.equals(returnTokenIds);
    }

    public void validate() {
        if (prompt == null) {
            throw OpenAiErrors.missingParameter("prompt");
        }
        validateGeneration();
    }
}
