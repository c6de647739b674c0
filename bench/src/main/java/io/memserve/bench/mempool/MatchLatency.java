package io.memserve.bench.mempool;

import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.client.MemPoolControlClient;
import java.time.Duration;
import java.util.Arrays;

/**
 * Latency of {@code match} as a worker sees it: one REST call, key computation and the Redis lookup included. The
 * lease each match takes is released after the clock stops. Also the pool's CPU time per call (match and release),
 * which, unlike latency, a busy machine hardly changes.
 */
final class MatchLatency {

    /** Percentiles in milliseconds. */
    record Result(double p50Ms, double p99Ms, int matchedTokens, double poolCpuMsPerCall) {
    }

    private MatchLatency() {
    }

    /**
     * Calls {@code match} unmeasured for {@code warmup} and at least {@code samples} times (the pool's compiler is
     * still busy with the REST path after a few seconds on a loaded machine), then {@code samples} times with the clock
     * running.
     */
    static Result measure(MemPoolControlClient pool, ProcessHandle poolProcess, String model, String layout,
            int[] tokens, Duration warmup, int samples) {
        MatchRequest request = new MatchRequest(model, layout, tokens, null, null, false, 0);
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        for (int i = 0; i < samples || System.nanoTime() < warmupEnd; i++) {
            release(pool, pool.match(request).block());
        }
        Duration cpuBefore = cpu(poolProcess);
        long[] nanos = new long[samples];
        int matched = 0;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            MatchResponse response = pool.match(request).block();
            nanos[i] = System.nanoTime() - start;
            matched = response.matchedTokens();
            release(pool, response);
        }
        double poolCpuMs = cpu(poolProcess).minus(cpuBefore).toNanos() / 1e6 / samples;
        Arrays.sort(nanos);
        return new Result(percentile(nanos, 0.50), percentile(nanos, 0.99), matched, poolCpuMs);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void release(MemPoolControlClient pool, MatchResponse response) {
        if (response.leaseId() != null) {
            pool.releaseLease(response.leaseId()).block();
        }
    }
}
