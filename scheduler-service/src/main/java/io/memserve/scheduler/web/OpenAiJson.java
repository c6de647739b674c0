package io.memserve.scheduler.web;

import io.memserve.openai.OpenAiErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies and writes response JSON with one mapper. Bodies are read here rather than by Spring's codec
 * so that broken JSON and wrong types become OpenAI's 400 naming the parameter.
 */
final class OpenAiJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private OpenAiJson() {
    }

    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw OpenAiErrors.malformedJson("the body is empty.");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw OpenAiErrors.malformedJson("expected a JSON object.");
            }
            return value;
        } catch (JacksonException e) {
            throw OpenAiErrors.unreadableBody(e);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
