package io.memserve.scheduler.web;

import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.reactive.resource.NoResourceFoundException;

/** Every refusal leaves as OpenAI's error JSON with its status. */
@RestControllerAdvice
class ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(OpenAiException.class)
    ResponseEntity<OpenAiError> refused(OpenAiException e) {
        return ResponseEntity.status(e.status()).body(e.error());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<OpenAiError> unreadable(ServerWebInputException e) {
        return refused(OpenAiErrors.malformedJson(e.getReason()));
    }

    @ExceptionHandler({NoResourceFoundException.class, MethodNotAllowedException.class})
    ResponseEntity<OpenAiError> unknownUrl(ServerWebExchange exchange) {
        return refused(OpenAiErrors.unknownUrl(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> failed(Exception e) {
        log.error("request failed", e);
        return refused(OpenAiErrors.serverError("The server failed to handle the request: " + e.getMessage()));
    }
}
