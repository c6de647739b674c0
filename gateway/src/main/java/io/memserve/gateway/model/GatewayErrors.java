package io.memserve.gateway.model;

import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import org.springframework.http.HttpStatus;

/**
 * The refusals only the gateway gives, on top of those every entry point shares ({@link OpenAiErrors}): a method the
 * path does not take, and a scheduler that cannot be reached, is failing, or does not answer in time.
 */
public final class GatewayErrors {

    private GatewayErrors() {
    }

    public static OpenAiException methodNotAllowed(String method, String path) {
        return error(HttpStatus.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed for " + path + ".",
                OpenAiErrors.INVALID_REQUEST, "method_not_allowed");
    }

    public static OpenAiException upstreamUnavailable() {
        return error(HttpStatus.BAD_GATEWAY, "The scheduler could not be reached. Please retry later.",
                OpenAiErrors.SERVER_ERROR, "upstream_unavailable");
    }

    public static OpenAiException breakerOpen() {
        return OpenAiErrors.serviceUnavailable(
                "The scheduler is failing; requests are refused until it recovers. Please retry later.");
    }

    public static OpenAiException upstreamTimeout() {
        return error(HttpStatus.GATEWAY_TIMEOUT, "The scheduler did not start answering in time.",
                OpenAiErrors.SERVER_ERROR, "upstream_timeout");
    }

    /** Any other status the web stack raises, described by its reason. */
    public static OpenAiException ofStatus(HttpStatus status, String reason) {
        return error(status, reason, status.is5xxServerError() ? OpenAiErrors.SERVER_ERROR
                : OpenAiErrors.INVALID_REQUEST, null);
    }

    private static OpenAiException error(HttpStatus status, String message, String type, String code) {
        return new OpenAiException(status.value(), OpenAiError.of(message, type, null, code));
    }
}
