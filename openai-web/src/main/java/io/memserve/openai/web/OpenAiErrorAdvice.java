package io.memserve.openai.web;

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
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Every refusal as OpenAI's error JSON with its 4xx status, anything unexpected as a 500 in the same shape. A service
 * extends it as its {@code @RestControllerAdvice} and adds handlers for the exceptions only it throws; Spring picks
 * the handler of the closest exception type, so those win over {@link #unexpected}.
 */
public abstract class OpenAiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorAdvice.class);

    private final String service;

    /** {@code service} names what failed at the start of a 500's message, e.g. "The decode worker". */
    protected OpenAiErrorAdvice(String service) {
        this.service = service;
    }

    @ExceptionHandler(OpenAiException.class)
    protected ResponseEntity<OpenAiError> refused(OpenAiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.error());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    protected ResponseEntity<OpenAiError> invalidField(WebExchangeBindException e) {
        FieldError field = e.getFieldError();
        if (field == null) {
            return refused(OpenAiErrors.invalidRequest(e.getMessage(), null));
        }
        String param = snakeCase(field.getField());
        return refused(field.getRejectedValue() == null ? OpenAiErrors.missingParameter(param)
                : OpenAiErrors.invalidValue(param, "Invalid '" + param + "': " + field.getDefaultMessage() + "."));
    }

    @ExceptionHandler(ServerWebInputException.class)
    protected ResponseEntity<OpenAiError> unreadable(ServerWebInputException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return refused(OpenAiErrors.unreadableBody(jackson));
            }
        }
        return refused(OpenAiErrors.malformedJson(e.getReason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    protected ResponseEntity<OpenAiError> otherStatus(ResponseStatusException e) {
        return refused(new OpenAiException(e.getStatusCode().value(),
                OpenAiError.of(e.getMessage(), OpenAiErrors.INVALID_REQUEST, null, null)));
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<OpenAiError> unexpected(Exception e) {
        log.error("{} failed", service, e);
        return refused(OpenAiErrors.serverError(service + " failed: " + e.getMessage()));
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
