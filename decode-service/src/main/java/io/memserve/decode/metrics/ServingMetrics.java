package io.memserve.decode.metrics;

import io.memserve.decode.batch.AdmissionQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The worker's metrics under vLLM's names ({@code memserve:} instead of {@code vllm:}): latency histograms, running
 * and waiting sequences, and prefix cache queries and hits counted in prompt tokens.
 */
public final class ServingMetrics {

    private final Timer timeToFirstToken;
    private final Timer interTokenLatency;
    private final Timer endToEndLatency;
    private final Timer queueTime;
    private final Counter prefixCacheQueries;
    private final Counter prefixCacheHits;

    public ServingMetrics(MeterRegistry registry, AdmissionQueue admissions) {
        this.timeToFirstToken = histogram(registry, "memserve:time_to_first_token",
                "Time from the request's arrival to its first token");
        this.interTokenLatency = histogram(registry, "memserve:inter_token_latency",
                "Time between two consecutive tokens of a request");
        this.endToEndLatency = histogram(registry, "memserve:e2e_request_latency",
                "Time from the request's arrival to its finish event");
        this.queueTime = histogram(registry, "memserve:request_queue_time",
                "Time a request waited for a place in the running batch");
        this.prefixCacheQueries = Counter.builder("memserve:prefix_cache_queries")
                .description("Prompt tokens looked up in MemPool").baseUnit("tokens").register(registry);
        this.prefixCacheHits = Counter.builder("memserve:prefix_cache_hits")
                .description("Prompt tokens loaded from MemPool instead of computed").baseUnit("tokens")
                .register(registry);
        Gauge.builder("memserve:num_requests_running", admissions, AdmissionQueue::running)
                .description("Requests in the running batch").register(registry);
        Gauge.builder("memserve:num_requests_waiting", admissions, AdmissionQueue::waiting)
                .description("Requests waiting for a place in the batch").register(registry);
    }

    private static Timer histogram(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    public void firstToken(long nanos) {
        timeToFirstToken.record(Duration.ofNanos(nanos));
    }

    public void interToken(long nanos) {
        interTokenLatency.record(Duration.ofNanos(nanos));
    }

    public void endToEnd(long nanos) {
        endToEndLatency.record(Duration.ofNanos(nanos));
    }

    public void queued(long nanos) {
        queueTime.record(Duration.ofNanos(nanos));
    }

    public void prefixLookup(int promptTokens, int cachedTokens) {
        prefixCacheQueries.increment(promptTokens);
        prefixCacheHits.increment(cachedTokens);
    }
}
