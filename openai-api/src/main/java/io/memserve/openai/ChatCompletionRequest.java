package io.memserve.openai;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/chat/completions}. {@code max_completion_tokens} (OpenAI's newer name) wins over {@code max_tokens};
 * {@code stop} is one string or a list. Parameters MemServe does not implement (penalties, logprobs, tools) are
 * ignored, as vLLM ignores them, rather than refused.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Long seed,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> stop,
        Boolean stream,
        StreamOptions streamOptions,
        Boolean ignoreEos,
        Integer n) implements GenerationRequest {

    public static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    /** A request with only the fields most callers set; the rest stay unset. */
    public static ChatCompletionRequest of(String model, List<ChatMessage> messages, Integer maxTokens,
            Double temperature, Boolean stream) {
        return new ChatCompletionRequest(model, messages, maxTokens, null, temperature, null, null, null, null,
                stream, null, null, null);
    }

    @Override
    public RequestedLength requestedLength() {
        if (maxCompletionTokens != null) {
            return new RequestedLength(maxCompletionTokens, "max_completion_tokens");
        }
        return maxTokens == null ? null : new RequestedLength(maxTokens, "max_tokens");
    }

    @Override
    public String promptParam() {
        return "messages";
    }

    public void validate() {
        if (messages == null) {
            throw OpenAiErrors.missingParameter("messages");
        }
        if (messages.isEmpty()) {
            throw OpenAiErrors.invalidValue("messages", "Invalid 'messages': expected at least one message.");
        }
        for (int i = 0; i < messages.size(); i++) {
            validateMessage(i, messages.get(i));
        }
        validateGeneration();
    }

    private static void validateMessage(int index, ChatMessage message) {
        String at = "messages[" + index + "]";
        if (message == null) {
            throw OpenAiErrors.invalidValue(at, "Invalid '" + at + "': expected a message object.");
        }
        if (message.role() == null) {
            throw OpenAiErrors.missingParameter(at + ".role");
        }
        if (!ROLES.contains(message.role())) {
            throw OpenAiErrors.invalidValue(at + ".role",
                    "Invalid '" + at + ".role': '" + message.role() + "' is not one of " + ROLES + ".");
        }
        if (message.content() == null) {
            throw OpenAiErrors.missingParameter(at + ".content");
        }
    }
}
