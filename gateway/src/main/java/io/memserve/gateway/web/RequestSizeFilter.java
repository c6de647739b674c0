package io.memserve.gateway.web;

import io.memserve.openai.OpenAiErrors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body over the limit with 413. A declared Content-Length over it is refused before reading; otherwise the
 * bytes are counted as they arrive (chunked bodies declare nothing) and reading stops at the first byte too many.
 * A body within the limit is read whole before anything is sent upstream, so the scheduler never sees half a request
 * and a refusal never counts against the circuit breaker.
 */
public final class RequestSizeFilter implements GatewayFilter {

    private static final byte[] NO_BODY = new byte[0];

    private final int limitBytes;

    public RequestSizeFilter(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getHeaders().getContentLength() > limitBytes) {
            return Mono.error(OpenAiErrors.requestTooLarge(limitBytes));
        }
        return DataBufferUtils.join(request.getBody(), limitBytes)
                .onErrorMap(DataBufferLimitException.class, e -> OpenAiErrors.requestTooLarge(limitBytes))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(NO_BODY)
                .flatMap(body -> chain.filter(body.length == 0
                        ? exchange
                        : exchange.mutate().request(withBody(request, body)).build()));
    }

    /** The request with its body replayable from memory and declared by length instead of chunked. */
    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        ServerHttpRequest sized = request.mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.setContentLength(body.length);
        }).build();
        return new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }
}
