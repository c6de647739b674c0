package io.memserve.scheduler.web;

import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.web.OpenAiErrorAdvice;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every refusal leaves as OpenAI's error JSON with its status. The scheduler is the public API's service, so a path or
 * method it does not serve gets OpenAI's own {@code unknown_url} answer.
 */
@RestControllerAdvice
class ErrorHandler extends OpenAiErrorAdvice {

    ErrorHandler() {
        super("The scheduler");
    }

    @ExceptionHandler({NoResourceFoundException.class, MethodNotAllowedException.class})
    ResponseEntity<OpenAiError> unknownUrl(ServerWebExchange exchange) {
        return refused(OpenAiErrors.unknownUrl(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value()));
    }
}
