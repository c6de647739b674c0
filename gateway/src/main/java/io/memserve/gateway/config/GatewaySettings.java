package io.memserve.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway is configured with ({@code memserve.gateway.*}); docs/gateway.md lists the environment
 * variable behind each property. Invalid values stop the start-up with a message naming the property.
 */
@ConfigurationProperties("memserve.gateway")
public record GatewaySettings(
        URI schedulerUrl,
        List<String> apiKeys,
        RateLimit rateLimit,
        DataSize maxRequestBody,
        Breaker breaker,
        Timeouts timeouts) {

    /** The largest body accepted: the whole body is held in memory before it is forwarded. */
    private static final DataSize BODY_CEILING = DataSize.ofMegabytes(512);

    public GatewaySettings {
        require(schedulerUrl != null && schedulerUrl.getHost() != null
                && ("http".equals(schedulerUrl.getScheme()) || "https".equals(schedulerUrl.getScheme())),
                "memserve.gateway.scheduler-url must be an http(s) URL with a host, got " + schedulerUrl);
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        require(!apiKeys.isEmpty(), "memserve.gateway.api-keys (MEMSERVE_API_KEYS) must name at least one API key");
        require(rateLimit != null, "memserve.gateway.rate-limit must be set");
        require(maxRequestBody != null && maxRequestBody.toBytes() > 0
                && maxRequestBody.compareTo(BODY_CEILING) <= 0,
                "memserve.gateway.max-request-body must be between 1B and " + BODY_CEILING + ", got " + maxRequestBody);
        require(breaker != null, "memserve.gateway.breaker must be set");
        require(timeouts != null, "memserve.gateway.timeouts must be set");
    }

    /** Keys are secrets: they never appear in a log line or an actuator page. */
    @Override
    public String toString() {
        return "GatewaySettings[schedulerUrl=" + schedulerUrl + ", apiKeys=" + apiKeys.size() + " keys, rateLimit="
                + rateLimit + ", maxRequestBody=" + maxRequestBody + ", breaker=" + breaker + ", timeouts=" + timeouts
                + "]";
    }

    /** A token bucket per API key: refilled at {@code requestsPerSecond}, holding at most {@code burst}. */
    public record RateLimit(int requestsPerSecond, long burst) {

        public RateLimit {
            require(requestsPerSecond >= 1, "memserve.gateway.rate-limit.requests-per-second must be >= 1, got "
                    + requestsPerSecond);
            require(burst >= requestsPerSecond, "memserve.gateway.rate-limit.burst must be >= requests-per-second, got "
                    + burst);
        }

        /**
         * A refused key holds less than one token; the bucket gains at least one per second of the limiter's clock
         * (Redis time, in whole seconds), so one second from now it is sure to hold a whole token again.
         */
        public long retryAfterSeconds() {
            return 1;
        }
    }

    /** Resilience4j circuit breaker over calls to the scheduler (count-based window). */
    public record Breaker(
            float failureRateThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            Duration waitInOpenState,
            int permittedCallsInHalfOpenState) {

        public Breaker {
            require(failureRateThreshold > 0 && failureRateThreshold <= 100,
                    "memserve.gateway.breaker.failure-rate-threshold must be in (0, 100], got " + failureRateThreshold);
            require(slidingWindowSize >= 1, "memserve.gateway.breaker.sliding-window-size must be >= 1");
            require(minimumNumberOfCalls >= 1, "memserve.gateway.breaker.minimum-number-of-calls must be >= 1");
            require(waitInOpenState != null && waitInOpenState.isPositive(),
                    "memserve.gateway.breaker.wait-in-open-state must be positive");
            require(permittedCallsInHalfOpenState >= 1,
                    "memserve.gateway.breaker.permitted-calls-in-half-open-state must be >= 1");
        }
    }

    /**
     * {@code responseStart} bounds the wait for the scheduler's response headers: the first token of a stream, the
     * whole answer of a non-streaming request. {@code streamIdle} bounds the silence between two reads, so a stalled
     * stream is cut while a long, live one never is; it also runs while the headers are awaited, hence it may not be
     * shorter than {@code responseStart}.
     */
    public record Timeouts(Duration connect, Duration responseStart, Duration streamIdle) {

        public Timeouts {
            require(connect != null && connect.isPositive(), "memserve.gateway.timeouts.connect must be positive");
            require(responseStart != null && responseStart.isPositive(),
                    "memserve.gateway.timeouts.response-start must be positive");
            require(streamIdle != null && streamIdle.compareTo(responseStart) >= 0,
                    "memserve.gateway.timeouts.stream-idle must be >= timeouts.response-start, got " + streamIdle);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
