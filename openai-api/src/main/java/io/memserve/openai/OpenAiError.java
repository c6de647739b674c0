package io.memserve.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. {@code param} and {@code code} are
 * written as {@code null} when absent, as OpenAI does, so clients that read them always find the keys.
 */
public record OpenAiError(Detail error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
