package io.memserve.decode.web;

import io.memserve.decode.batch.RequestTooLargeException;
import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.web.OpenAiErrorAdvice;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The decode worker's refusals and failures as OpenAI's error JSON. */
@RestControllerAdvice
class ErrorHandler extends OpenAiErrorAdvice {

    ErrorHandler() {
        super("The decode worker");
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<OpenAiError> tooLarge(RequestTooLargeException e) {
        return refused(OpenAiErrors.invalidValue("max_tokens", e.getMessage()));
    }
}
