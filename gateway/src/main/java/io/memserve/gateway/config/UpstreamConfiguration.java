package io.memserve.gateway.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.netty.channel.ChannelOption;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the gateway calls the scheduler: connection and idle timeouts, and the circuit breaker with its time limit. */
@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    @Bean
    HttpClientCustomizer upstreamTimeouts(GatewaySettings settings) {
        GatewaySettings.Timeouts timeouts = settings.timeouts();
        return client -> client
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(timeouts.connect().toMillis()))
                .responseTimeout(timeouts.streamIdle());
    }

    /**
     * Only failures to answer count: a refused connection, a reset, no response headers within
     * {@code response-start}. Any status the scheduler sends, 429 and 5xx included, is its answer and is passed on.
     * A long generation is no "slow call" either: only one slower than the time limit, which fails anyway.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> schedulerBreaker(GatewaySettings settings) {
        GatewaySettings.Breaker breaker = settings.breaker();
        CircuitBreakerConfig circuitBreaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
                .slowCallDurationThreshold(settings.timeouts().responseStart())
                .build();
        TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeouts().responseStart())
                .build();
        return factory -> factory.configure(
                builder -> builder.circuitBreakerConfig(circuitBreaker).timeLimiterConfig(timeLimiter),
                RouteConfiguration.BREAKER);
    }
}
