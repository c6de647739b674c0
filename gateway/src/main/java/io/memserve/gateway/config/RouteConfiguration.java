package io.memserve.gateway.config;

import io.memserve.gateway.model.ApiKeys;
import io.memserve.gateway.web.ApiKeyFilter;
import io.memserve.gateway.web.RateLimitFilter;
import io.memserve.gateway.web.RequestSizeFilter;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one route: {@code /v1/**} to the scheduler, through API key, rate limit, size limit and circuit breaker, in that
 * order, so a request is charged to a key only once the key is known, and only requests that reach the scheduler
 * count for the breaker. The response filters of Spring Cloud Gateway run outside these, so the breaker's time limit
 * ends at the scheduler's response headers and never cuts a stream that has started.
 */
@Configuration(proxyBeanMethods = false)
public class RouteConfiguration {

    public static final String ROUTE_ID = "scheduler";
    public static final String BREAKER = "scheduler";

    @Bean
    RedisRateLimiter redisRateLimiter(GatewaySettings settings) {
        return new RedisRateLimiter(settings.rateLimit().requestsPerSecond(), settings.rateLimit().burst(), 1);
    }

    @Bean
    RouteLocator schedulerRoute(RouteLocatorBuilder routes, GatewaySettings settings, RedisRateLimiter rateLimiter,
            SpringCloudCircuitBreakerFilterFactory breakers) {
        List<GatewayFilter> filters = List.of(
                new ApiKeyFilter(new ApiKeys(settings.apiKeys())),
                new RateLimitFilter(rateLimiter, ROUTE_ID, settings.rateLimit()),
                new RequestSizeFilter((int) settings.maxRequestBody().toBytes()),
                breakers.apply(new SpringCloudCircuitBreakerFilterFactory.Config().setName(BREAKER)));
        return routes.routes()
                .route(ROUTE_ID, route -> route.path("/v1/**").filters(spec -> {
                    for (int i = 0; i < filters.size(); i++) {
                        spec.filter(filters.get(i), i + 1);
                    }
                    return spec;
                }).uri(settings.schedulerUrl()))
                .build();
    }
}
