package io.memserve.gateway.web;

import io.memserve.gateway.config.GatewaySettings;
import io.memserve.openai.OpenAiErrors;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One token bucket per API key id, kept in Redis so that every gateway replica draws from the same bucket. Runs after
 * {@link ApiKeyFilter}. The limiter's own {@code X-RateLimit-*} headers go on every answer; a refusal adds
 * {@code Retry-After}. If Redis cannot be reached the limiter lets requests through rather than stop serving.
 */
public final class RateLimitFilter implements GatewayFilter {

    private final RateLimiter<?> rateLimiter;
    private final String routeId;
    private final GatewaySettings.RateLimit limit;

    public RateLimitFilter(RateLimiter<?> rateLimiter, String routeId, GatewaySettings.RateLimit limit) {
        this.rateLimiter = rateLimiter;
        this.routeId = routeId;
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String keyId = exchange.getRequiredAttribute(ApiKeyFilter.KEY_ID_ATTRIBUTE);
        return rateLimiter.isAllowed(routeId, keyId).flatMap(response -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            response.getHeaders().forEach(headers::set);
            if (response.isAllowed()) {
                return chain.filter(exchange);
            }
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
            return Mono.error(OpenAiErrors.rateLimitExceeded("Rate limit reached for this API key: "
                    + limit.requestsPerSecond() + " requests per second, bursts of " + limit.burst()
                    + ". Please try again in " + limit.retryAfterSeconds() + "s."));
        });
    }
}
