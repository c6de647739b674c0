package io.memserve.prefill.web;

import io.memserve.kvhandoff.UnknownPoolException;
import io.memserve.mempool.client.MemPoolApiException;
import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import io.memserve.openai.web.OpenAiErrorAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The prefill worker's refusals as OpenAI's error JSON; failures of MemPool or the engine as 5xx in that shape. */
@RestControllerAdvice
class ErrorHandler extends OpenAiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    ErrorHandler() {
        super("The prefill worker");
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
}
