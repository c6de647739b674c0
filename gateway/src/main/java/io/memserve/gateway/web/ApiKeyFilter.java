package io.memserve.gateway.web;

import io.memserve.gateway.model.ApiKeys;
import io.memserve.openai.OpenAiErrors;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a request through only with {@code Authorization: Bearer <one of our keys>}. The key itself stays here: the
 * scheduler receives the key's id in {@link #KEY_ID_HEADER} instead (replacing any such header the client sent).
 */
public final class ApiKeyFilter implements GatewayFilter {

    public static final String KEY_ID_HEADER = "X-MemServe-Key-Id";
    public static final String KEY_ID_ATTRIBUTE = ApiKeyFilter.class.getName() + ".keyId";

    private static final String BEARER = "bearer ";

    private final ApiKeys apiKeys;

    public ApiKeyFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Optional<String> presented = bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            return Mono.error(OpenAiErrors.missingApiKey());
        }
        Optional<String> keyId = apiKeys.identify(presented.get());
        if (keyId.isEmpty()) {
            return Mono.error(OpenAiErrors.invalidApiKey());
        }
        exchange.getAttributes().put(KEY_ID_ATTRIBUTE, keyId.get());
        ServerHttpRequest forwarded = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.set(KEY_ID_HEADER, keyId.get());
        }).build();
        return chain.filter(exchange.mutate().request(forwarded).build());
    }

    private static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
