package io.memserve.decode.web;

import io.memserve.decode.batch.RequestTooLargeException;
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

/** Every refusal as OpenAI's error JSON with its 4xx status; anything unexpected is a 500 in the same shape. */
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

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<OpenAiError> tooLarge(RequestTooLargeException e) {
        return refused(OpenAiErrors.invalidValue("max_tokens", e.getMessage()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<OpenAiError> otherStatus(ResponseStatusException e) {
        return refused(new OpenAiException(e.getStatusCode().value(),
                OpenAiError.of(e.getMessage(), OpenAiErrors.INVALID_REQUEST, null, null)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> unexpected(Exception e) {
        log.error("request failed", e);
        return refused(OpenAiErrors.serverError("The decode worker failed: " + e.getMessage()));
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
