package io.memserve.mempool.service.metrics;

import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TierStatus;
import io.memserve.mempool.service.store.BlockStore;
import io.memserve.mempool.service.store.TierUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The pool's meters. Names follow vLLM where the meaning is the same: blocks used and free per tier, prefix cache
 * queries and hits counted in tokens; plus data-plane bytes, transfer latency and evictions.
 */
public final class MemPoolMetrics {

    private final Counter prefixQueries;
    private final Counter prefixHits;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer transferLatency;

    public MemPoolMetrics(MeterRegistry registry, BlockStore store) {
        for (TierName tier : TierName.values()) {
            blocksGauge(registry, store, tier, "used", t -> t.blocks());
            blocksGauge(registry, store, tier, "pinned", t -> t.pinnedBlocks());
            Gauge.builder("mempool.bytes", store, s -> tierUsage(s, tier, TierUsage::usedBytes))
                    .tag("tier", tier.name().toLowerCase()).tag("state", "used").baseUnit("bytes").register(registry);
            Gauge.builder("mempool.bytes", store, s -> tierUsage(s, tier, TierUsage::freeBytes))
                    .tag("tier", tier.name().toLowerCase()).tag("state", "free").baseUnit("bytes").register(registry);
        }
        FunctionCounter.builder("mempool.evictions", store, BlockStore::evictions)
                .description("blocks evicted to make room").register(registry);
        prefixQueries = Counter.builder("mempool.prefix.cache.queries").baseUnit("tokens")
                .description("tokens asked for in match").register(registry);
        prefixHits = Counter.builder("mempool.prefix.cache.hits").baseUnit("tokens")
                .description("tokens of the matched prefixes").register(registry);
        bytesIn = Counter.builder("mempool.data.bytes").tag("direction", "in").baseUnit("bytes").register(registry);
        bytesOut = Counter.builder("mempool.data.bytes").tag("direction", "out").baseUnit("bytes").register(registry);
        transferLatency = Timer.builder("mempool.transfer.latency").description("pool-to-pool transfers")
                .publishPercentileHistogram().register(registry);
    }

    private static void blocksGauge(MeterRegistry registry, BlockStore store, TierName tier, String state,
            ToDoubleFunction<TierStatus> value) {
        Gauge.builder("mempool.blocks", store, s -> tierStatus(s, tier, value))
                .tag("tier", tier.name().toLowerCase()).tag("state", state).register(registry);
    }

    private static double tierStatus(BlockStore store, TierName tier, ToDoubleFunction<TierStatus> value) {
        return store.status().tiers().stream().filter(t -> t.tier() == tier).mapToDouble(value).findFirst()
                .orElse(0);
    }

    private static double tierUsage(BlockStore store, TierName tier, ToDoubleFunction<TierUsage> value) {
        return store.usage().stream().filter(t -> t.tier() == tier).mapToDouble(value).findFirst().orElse(0);
    }

    public void matched(int queriedTokens, int hitTokens) {
        prefixQueries.increment(queriedTokens);
        prefixHits.increment(hitTokens);
    }

    public void bytesIn(long bytes) {
        bytesIn.increment(bytes);
    }

    public void bytesOut(long bytes) {
        bytesOut.increment(bytes);
    }

    public void transferred(Duration latency) {
        transferLatency.record(latency);
    }
}
