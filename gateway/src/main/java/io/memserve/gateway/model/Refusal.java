package io.memserve.gateway.model;

import java.util.OptionalLong;
import org.springframework.http.HttpStatus;

/**
 * A request the gateway answers itself instead of forwarding: its status, OpenAI error type and code, a message for
 * the client, and for 429 the seconds to wait. Thrown by the filters, written by the error handler.
 */
public final class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String code;
    private final OptionalLong retryAfterSeconds;

    private Refusal(HttpStatus status, String type, String code, String message, OptionalLong retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Refusal missingApiKey() {
        return new Refusal(HttpStatus.UNAUTHORIZED, "authentication_error", "missing_api_key",
                "You didn't provide an API key. Send it in an Authorization header using Bearer auth "
                        + "(Authorization: Bearer YOUR_KEY).", OptionalLong.empty());
    }

    public static Refusal invalidApiKey() {
        return new Refusal(HttpStatus.UNAUTHORIZED, "authentication_error", "invalid_api_key",
                "Incorrect API key provided.", OptionalLong.empty());
    }

    public static Refusal rateLimited(int requestsPerSecond, long burst, long retryAfterSeconds) {
        return new Refusal(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error", "rate_limit_exceeded",
                "Rate limit reached for this API key: " + requestsPerSecond + " requests per second, bursts of "
                        + burst + ". Please try again in " + retryAfterSeconds + "s.",
                OptionalLong.of(retryAfterSeconds));
    }

    public static Refusal bodyTooLarge(long limitBytes) {
        return new Refusal(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "request_too_large",
                "Request body too large: the limit is " + limitBytes + " bytes.", OptionalLong.empty());
    }

    public static Refusal unknownUrl(String method, String path) {
        return new Refusal(HttpStatus.NOT_FOUND, "invalid_request_error", "unknown_url",
                "Invalid URL (" + method + " " + path + ")", OptionalLong.empty());
    }

    public static Refusal methodNotAllowed(String method, String path) {
        return new Refusal(HttpStatus.METHOD_NOT_ALLOWED, "invalid_request_error", "method_not_allowed",
                "Method " + method + " is not allowed for " + path + ".", OptionalLong.empty());
    }

    public static Refusal upstreamUnavailable() {
        return new Refusal(HttpStatus.BAD_GATEWAY, "server_error", "upstream_unavailable",
                "The scheduler could not be reached. Please retry later.", OptionalLong.empty());
    }

    public static Refusal breakerOpen() {
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, "server_error", "service_unavailable",
                "The scheduler is failing; requests are refused until it recovers. Please retry later.",
                OptionalLong.empty());
    }

    public static Refusal upstreamTimeout() {
        return new Refusal(HttpStatus.GATEWAY_TIMEOUT, "server_error", "upstream_timeout",
                "The scheduler did not start answering in time.", OptionalLong.empty());
    }

    /** Any other status the web stack raises, described by its reason. */
    public static Refusal ofStatus(HttpStatus status, String reason) {
        String type = status.is5xxServerError() ? "server_error" : "invalid_request_error";
        return new Refusal(status, type, null, reason, OptionalLong.empty());
    }

    public HttpStatus status() {
        return status;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public OpenAiError body() {
        return new OpenAiError(new OpenAiError.Detail(getMessage(), type, null, code));
    }
}
