package io.memserve.prefill.web;

import io.memserve.kvhandoff.UnknownPoolException;
import io.memserve.mempool.client.MemPoolApiException;
import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/** Every refusal as OpenAI's error JSON with its 4xx status; failures of MemPool or the engine as 5xx in that shape. */
@RestControllerAdvice
class ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(OpenAiException.class)
    ResponseEntity<OpenAiError> refused(OpenAiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.error());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<OpenAiError> invalidField(WebExchangeBindException e) {
        FieldError field = e.getFieldError();
        if (field == null) {
            return refused(OpenAiErrors.invalidRequest(e.getMessage(), null));
        }
        String param = snakeCase(field.getField());
        return refused(field.getRejectedValue() == null ? OpenAiErrors.missingParameter(param)
                : OpenAiErrors.invalidValue(param, "Invalid '" + param + "': " + field.getDefaultMessage() + "."));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<OpenAiError> unreadable(ServerWebInputException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return refused(OpenAiErrors.unreadableBody(jackson));
            }
        }
        return refused(OpenAiErrors.malformedJson(e.getReason()));
    }

    @ExceptionHandler(UnknownPoolException.class)
    ResponseEntity<OpenAiError> unknownPool(UnknownPoolException e) {
        return refused(OpenAiErrors.invalidValue("decode_pool", e.getMessage() + "."));
    }

    @ExceptionHandler(MemPoolApiException.class)
    ResponseEntity<OpenAiError> mempoolFailed(MemPoolApiException e) {
        log.warn("MemPool refused the handoff: {}", e.getMessage());
        return refused(new OpenAiException(502, OpenAiError.of("MemPool failed the KV handoff: " + e.getMessage(),
                OpenAiErrors.SERVER_ERROR, null, e.code())));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<OpenAiError> otherStatus(ResponseStatusException e) {
        return refused(new OpenAiException(e.getStatusCode().value(),
                OpenAiError.of(e.getMessage(), OpenAiErrors.INVALID_REQUEST, null, null)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> unexpected(Exception e) {
        log.error("prefill failed", e);
        return refused(new OpenAiException(500, OpenAiError.of("The prefill worker failed: " + e.getMessage(),
                OpenAiErrors.SERVER_ERROR, null, null)));
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
