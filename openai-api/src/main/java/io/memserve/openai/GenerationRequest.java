package io.memserve.openai;

import java.util.List;

/**
 * What chat and text completion requests share: the model, the sampling and length parameters, stop strings and
 * streaming. Their validation lives here once, so both endpoints refuse the same things with the same messages.
 */
public interface GenerationRequest {
    double DEFAULT_TEMPERATURE = 1.0;
    double DEFAULT_TOP_P = 1.0;
    int MAX_STOP_SEQUENCES = 4;

    String model();

    Double temperature();

    Double topP();

    Integer topK();

    Long seed();

    List<String> stop();

    Boolean stream();

    StreamOptions streamOptions();

    Boolean ignoreEos();

    Integer n();

    /** The requested completion length and the name of the parameter that gave it; {@code null} when none was set. */
    RequestedLength requestedLength();

    /** The prompt parameter's name, for errors about the prompt ({@code messages} or {@code prompt}). */
    String promptParam();

    record RequestedLength(int tokens, String param) {
    }

    default boolean streaming() {
        return Boolean.TRUE.equals(stream());
    }

    default boolean includeUsage() {
        return streamOptions() != null && Boolean.TRUE.equals(streamOptions().includeUsage());
    }

    default boolean ignoringEos() {
        return Boolean.TRUE.equals(ignoreEos());
    }

    default double temperatureOrDefault() {
        return temperature() == null ? DEFAULT_TEMPERATURE : temperature();
    }

    default double topPOrDefault() {
        return topP() == null ? DEFAULT_TOP_P : topP();
    }

    /** {@code top_k} with 0 meaning "no limit"; vLLM's -1 means the same. */
    default int topKOrDefault() {
        return topK() == null || topK() < 0 ? 0 : topK();
    }

    default List<String> stopSequences() {
        return stop() == null ? List.of() : stop();
    }

    /** Checks everything that needs no model: the caller checks the model name, context length and vocabulary. */
    default void validateGeneration() {
        if (model() == null || model().isBlank()) {
            throw OpenAiErrors.missingParameter("model");
        }
        if (n() != null && n() != 1) {
            throw OpenAiErrors.invalidValue("n", "Only n=1 is supported, got " + n() + ".");
        }
        RequestedLength length = requestedLength();
        if (length != null && length.tokens() <= 0) {
            throw OpenAiErrors.invalidValue(length.param(),
                    "Invalid '" + length.param() + "': must be at least 1, got " + length.tokens() + ".");
        }
        if (temperature() != null && !(temperature() >= 0.0 && temperature() <= 2.0)) {
            throw OpenAiErrors.invalidValue("temperature",
                    "Invalid 'temperature': must be between 0 and 2, got " + temperature() + ".");
        }
        if (topP() != null && !(topP() > 0.0 && topP() <= 1.0)) {
            throw OpenAiErrors.invalidValue("top_p", "Invalid 'top_p': must be in (0, 1], got " + topP() + ".");
        }
        if (topK() != null && topK() < -1) {
            throw OpenAiErrors.invalidValue("top_k",
                    "Invalid 'top_k': must be -1 or 0 (no limit) or a positive number, got " + topK() + ".");
        }
        validateStop();
        if (streamOptions() != null && !streaming()) {
            throw OpenAiErrors.invalidValue("stream_options",
                    "Invalid 'stream_options': only allowed when 'stream' is true.");
        }
    }

    private void validateStop() {
        List<String> stop = stopSequences();
        if (stop.size() > MAX_STOP_SEQUENCES) {
            throw OpenAiErrors.invalidValue("stop",
                    "Invalid 'stop': at most " + MAX_STOP_SEQUENCES + " sequences, got " + stop.size() + ".");
        }
        for (String sequence : stop) {
            if (sequence == null || sequence.isEmpty()) {
                throw OpenAiErrors.invalidValue("stop", "Invalid 'stop': sequences must be non-empty strings.");
            }
        }
    }
}
