package io.memserve.gateway.web;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.memserve.gateway.model.GatewayErrors;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every error the gateway answers itself into OpenAI's error JSON: the filters' refusals (whose headers, such as
 * {@code Retry-After}, are already on the response), unknown paths and methods, and an unreachable, failing or silent
 * scheduler. Runs before Spring Boot's own handler, which it replaces. An error after the response has started (a
 * stream cut midway) can only close the connection.
 */
@Component
@Order(-2)
public final class OpenAiErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrorHandler.class);

    private final JsonMapper json;
    private final MeterRegistry meters;

    public OpenAiErrorHandler(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        OpenAiException refusal = refusalFor(exchange.getRequest(), error);
        if (refusal.status() >= 500) {
            log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    refusal.status(), error.toString());
        }
        meters.counter("memserve.gateway.refusals", "status", String.valueOf(refusal.status())).increment();
        response.setStatusCode(HttpStatus.valueOf(refusal.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(refusal.error());
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static OpenAiException refusalFor(ServerHttpRequest request, Throwable error) {
        String method = request.getMethod().name();
        String path = request.getPath().value();
        return switch (error) {
            case OpenAiException refusal -> refusal;
            case ServiceUnavailableException e -> GatewayErrors.breakerOpen();
            case CallNotPermittedException e -> GatewayErrors.breakerOpen();
            case TimeoutException e -> GatewayErrors.upstreamTimeout();
            case ReadTimeoutException e -> GatewayErrors.upstreamTimeout();
            case ConnectException e -> GatewayErrors.upstreamUnavailable();
            case PrematureCloseException e -> GatewayErrors.upstreamUnavailable();
            case ResponseStatusException e -> statusRefusal(method, path, e);
            default -> OpenAiErrors.serverError("The gateway failed to handle the request.");
        };
    }

    private static OpenAiException statusRefusal(String method, String path, ResponseStatusException error) {
        HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
        if (status == null) {
            return OpenAiErrors.serverError("The gateway failed to handle the request.");
        }
        return switch (status) {
            case NOT_FOUND -> OpenAiErrors.unknownUrl(method, path);
            case METHOD_NOT_ALLOWED -> GatewayErrors.methodNotAllowed(method, path);
            case GATEWAY_TIMEOUT -> GatewayErrors.upstreamTimeout();
            case SERVICE_UNAVAILABLE -> GatewayErrors.breakerOpen();
            default -> GatewayErrors.ofStatus(status, error.getReason() != null ? error.getReason()
                    : status.getReasonPhrase());
        };
    }
}
