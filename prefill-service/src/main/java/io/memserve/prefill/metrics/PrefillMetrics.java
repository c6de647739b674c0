package io.memserve.prefill.metrics;

import io.memserve.prefill.work.PrefillSlots;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The prefill worker's metrics under vLLM's names ({@code memserve:} instead of {@code vllm:}). */
@Component
public class PrefillMetrics {

    private final Counter promptTokens;
    private final Counter prefixCacheQueries;
    private final Counter prefixCacheHits;
    private final Counter handoffBlocks;
    private final Timer prefillLatency;

    public PrefillMetrics(MeterRegistry registry, PrefillSlots slots) {
        this.promptTokens = Counter.builder("memserve:prompt_tokens")
                .description("Prompt tokens prefilled").baseUnit("tokens").register(registry);
        this.prefixCacheQueries = Counter.builder("memserve:prefix_cache_queries")
                .description("Prompt tokens looked up in MemPool").baseUnit("tokens").register(registry);
        this.prefixCacheHits = Counter.builder("memserve:prefix_cache_hits")
                .description("Prompt tokens loaded from MemPool instead of computed").baseUnit("tokens")
                .register(registry);
        this.handoffBlocks = Counter.builder("memserve:handoff_blocks")
                .description("KV blocks moved to decode pools").baseUnit("blocks").register(registry);
        this.prefillLatency = Timer.builder("memserve:prefill_latency")
                .description("Time from a prefill's start to its completed handoff").publishPercentileHistogram()
                .register(registry);
        Gauge.builder("memserve:num_requests_running", slots, PrefillSlots::running)
                .description("Prefills in progress").register(registry);
        Gauge.builder("memserve:num_requests_waiting", slots, PrefillSlots::waiting)
                .description("Prefills waiting for a slot").register(registry);
    }

    public void prefilled(int prompt, boolean cache, int cached, int handedOff, Duration took) {
        promptTokens.increment(prompt);
        if (cache) {
            prefixCacheQueries.increment(prompt);
            prefixCacheHits.increment(cached);
        }
        handoffBlocks.increment(handedOff);
        prefillLatency.record(took);
    }
}
