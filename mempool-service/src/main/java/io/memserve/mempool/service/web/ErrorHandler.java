package io.memserve.mempool.service.web;

import io.memserve.mempool.api.ErrorResponse;
import io.memserve.mempool.service.model.MemPoolException;
import io.memserve.mempool.client.MemPoolApiException;
import io.memserve.mempool.protocol.DataPlaneException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Every failure as OpenAI-style error JSON: 4xx for what the caller got wrong, 5xx for what went wrong here. */
@RestControllerAdvice
public class ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(MemPoolException.class)
    ResponseEntity<ErrorResponse> memPool(MemPoolException e) {
        return ResponseEntity.status(e.status()).body(ErrorResponse.of(e.getMessage(), e.type(), e.code()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ErrorResponse> invalid(WebExchangeBindException e) {
        String message = e.getFieldErrors().stream().map(f -> f.getField() + " " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return badRequest(message.isEmpty() ? e.getReason() : message, "invalid_field");
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ErrorResponse> unreadable(ServerWebInputException e) {
        Throwable cause = e.getMostSpecificCause();
        return badRequest("request body is not valid: " + cause.getMessage(), "invalid_body");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ErrorResponse> illegalArgument(IllegalArgumentException e) {
        return badRequest(e.getMessage(), "invalid_argument");
    }

    @ExceptionHandler(MemPoolApiException.class)
    ResponseEntity<ErrorResponse> peer(MemPoolApiException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(ErrorResponse.of("destination pool refused: " + e.getMessage(), "upstream_error", e.code()));
    }

    @ExceptionHandler(DataPlaneException.class)
    ResponseEntity<ErrorResponse> dataPlane(DataPlaneException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                .body(ErrorResponse.of("data plane: " + e.getMessage(), "upstream_error", e.code().name().toLowerCase()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ErrorResponse> status(ResponseStatusException e) {
        String type = e.getStatusCode().is4xxClientError() ? "invalid_request_error" : "server_error";
        return ResponseEntity.status(e.getStatusCode())
                .body(ErrorResponse.of(e.getReason() == null ? e.getMessage() : e.getReason(), type,
                        "http_" + e.getStatusCode().value()));
    }

    private static ResponseEntity<ErrorResponse> badRequest(String message, String code) {
        return ResponseEntity.badRequest().body(ErrorResponse.of(message, "invalid_request_error", code));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorResponse> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(ErrorResponse.of("internal error: " + e.getMessage(), "server_error", "internal_error"));
    }
}
