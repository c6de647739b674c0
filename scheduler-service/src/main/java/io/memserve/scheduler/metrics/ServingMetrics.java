package io.memserve.scheduler.metrics;

import java.time.Duration;

import io.memserve.scheduler.admission.AdmissionControl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Request metrics as the scheduler sees them, named after vLLM's with a {@code memserve:} prefix (Prometheus adds the
 * unit and {@code _total}): time to first token, inter-token latency, end-to-end latency and queue time histograms;
 * prefix cache queries and hits counted in prompt tokens; running and waiting requests.
 */
public final class ServingMetrics {
    private final Timer timeToFirstToken;
    private final Timer interTokenLatency;
    private final Timer endToEndLatency;
    private final Timer queueTime;
    private final Counter prefixCacheQueries;
    private final Counter prefixCacheHits;

    public ServingMetrics(MeterRegistry registry, AdmissionControl admission) {
        timeToFirstToken = histogram(registry, "memserve:time_to_first_token", "Time to the first token");
        interTokenLatency = histogram(registry, "memserve:inter_token_latency", "Time between two output tokens");
        endToEndLatency = histogram(registry, "memserve:e2e_request_latency", "Request arrival to its last token");
        queueTime = histogram(registry, "memserve:request_queue_time", "Time waiting for admission");
        prefixCacheQueries = Counter.builder("memserve:prefix_cache_queries")
                .description("Prompt tokens looked up in the prefix cache").baseUnit("tokens").register(registry);
        prefixCacheHits = Counter.builder("memserve:prefix_cache_hits")
                .description("Prompt tokens found in the prefix cache").baseUnit("tokens").register(registry);
        Gauge.builder("memserve:num_requests_running", admission, AdmissionControl::running)
                .description("Requests generating").register(registry);
        Gauge.builder("memserve:num_requests_waiting", admission, AdmissionControl::waiting)
                .description("Requests waiting for admission").register(registry);
    }

    public void queued(Duration wait) {
        queueTime.record(wait);
    }

    public void firstToken(Duration sinceArrival) {
        timeToFirstToken.record(sinceArrival);
    }

    public void nextToken(Duration sincePrevious) {
        interTokenLatency.record(sincePrevious);
    }

    public void finished(Duration sinceArrival) {
        endToEndLatency.record(sinceArrival);
    }

    public void prompt(int promptTokens, int cachedTokens) {
        prefixCacheQueries.increment(promptTokens);
        prefixCacheHits.increment(cachedTokens);
    }

    private static Timer histogram(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }
}
