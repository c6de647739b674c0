package io.memserve.openai;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/** The refusals MemServe's entry points give, with the statuses, types and codes OpenAI uses for them. */
public final class OpenAiErrors {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String SERVER_ERROR = "server_error";

    private OpenAiErrors() {
    }

    public static OpenAiException invalidRequest(String message, String param) {
        return new OpenAiException(400, OpenAiError.of(message, INVALID_REQUEST, param, null));
    }

    public static OpenAiException invalidValue(String param, String message) {
        return new OpenAiException(400, OpenAiError.of(message, INVALID_REQUEST, param, "invalid_value"));
    }

    public static OpenAiException missingParameter(String param) {
        return new OpenAiException(400, OpenAiError.of(
                "Missing required parameter: '" + param + "'.", INVALID_REQUEST, param, "missing_required_parameter"));
    }

    public static OpenAiException malformedJson(String detail) {
        return new OpenAiException(400, OpenAiError.of(
                "We could not parse the JSON body of your request: " + detail, INVALID_REQUEST, null, null));
    }

    /**
     * Turns a failure to read a request body into a 400: broken JSON says so; a value of the wrong type names the
     * parameter it was found in ({@code messages[0].content}).
     */
    public static OpenAiException unreadableBody(JacksonException e) {
        if (e instanceof StreamReadException) {
            return malformedJson(e.getOriginalMessage());
        }
        String param = paramPath(e);
        String where = param == null ? "the request body" : "'" + param + "'";
        return new OpenAiException(400, OpenAiError.of(
                "Invalid value for " + where + ": " + e.getOriginalMessage(), INVALID_REQUEST, param, "invalid_type"));
    }

    public static OpenAiException contextLengthExceeded(String param, int maxContext, int promptTokens, int maxTokens) {
        return new OpenAiException(400, OpenAiError.of(
                "This model's maximum context length is " + maxContext + " tokens. However, you requested "
                        + (promptTokens + maxTokens) + " tokens (" + promptTokens + " in the prompt, " + maxTokens
                        + " for the completion). Please reduce the prompt or the completion length.",
                INVALID_REQUEST, param, "context_length_exceeded"));
    }

    public static OpenAiException modelNotFound(String model) {
        return new OpenAiException(404, OpenAiError.of(
                "The model `" + model + "` does not exist or you do not have access to it.",
                INVALID_REQUEST, "model", "model_not_found"));
    }

    public static OpenAiException unknownUrl(String method, String path) {
        return new OpenAiException(404, OpenAiError.of(
                "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, "unknown_url"));
    }

    public static OpenAiException missingApiKey() {
        return new OpenAiException(401, OpenAiError.of(
                "You didn't provide an API key. Provide it in the Authorization header (Authorization: Bearer YOUR_KEY).",
                INVALID_REQUEST, null, "missing_api_key"));
    }

    public static OpenAiException invalidApiKey() {
        return new OpenAiException(401, OpenAiError.of(
                "Incorrect API key provided.", INVALID_REQUEST, null, "invalid_api_key"));
    }

    public static OpenAiException rateLimitExceeded(String message) {
        return new OpenAiException(429, OpenAiError.of(message, "requests", null, "rate_limit_exceeded"));
    }

    /** The server's own queue is full: a 429 the client may retry, distinct from its key's rate limit. */
    public static OpenAiException overloaded() {
        return new OpenAiException(429, OpenAiError.of(
                "The server is handling too many requests; retry shortly.", SERVER_ERROR, null, "server_overloaded"));
    }

    public static OpenAiException requestTooLarge(long limitBytes) {
        return new OpenAiException(413, OpenAiError.of(
                "The request body is larger than the limit of " + limitBytes + " bytes.",
                INVALID_REQUEST, null, "request_too_large"));
    }

    public static OpenAiException serviceUnavailable(String message) {
        return new OpenAiException(503, OpenAiError.of(message, SERVER_ERROR, null, "service_unavailable"));
    }

    public static OpenAiException serverError(String message) {
        return new OpenAiException(500, OpenAiError.of(message, SERVER_ERROR, null, null));
    }

    private static String paramPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
