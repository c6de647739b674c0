package io.memserve.bench.mempool;

import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.client.MemPoolControlClient;
import java.time.Duration;
import java.util.Arrays;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Latency of {@code match} as a worker sees it: one REST call, key computation and the Redis lookup included, made
 * from a reactive chain on the client's event loop as prefill and decode make it (no thread waits for the answer).
 * The lease each match takes is released after the clock stops. Also the pool's CPU time per call (match and
 * release), which, unlike latency, a busy machine hardly changes.
 */
final class MatchLatency {

    /** Percentiles in milliseconds. */
    record Result(double p50Ms, double p99Ms, int matchedTokens, double poolCpuMsPerCall) {
    }

    /** Calls between two looks at the compilers while warming up. */
    private static final int WARMUP_SLICE = 500;
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(120);

    private MatchLatency() {
    }

    /**
     * Calls {@code match} unmeasured for at least {@code warmup} and {@code samples} calls, and on until a slice of
     * calls passes in which neither this JVM nor the pool compiled anything (see {@link CompilerActivity}); then
     * {@code samples} times with the clock running.
     */
    static Result measure(MemPoolControlClient pool, ProcessHandle poolProcess, CompilerActivity compilers,
            String model, String layout, int[] tokens, Duration warmup, int samples) {
        MatchRequest request = new MatchRequest(model, layout, tokens, null, null, false, 0);
        long start = System.nanoTime();
        long calls = 0;
        long compiled = compilers.totalMillis();
        while (true) {
            timedCalls(pool, request, WARMUP_SLICE);
            calls += WARMUP_SLICE;
            long compiledNow = compilers.totalMillis();
            long elapsed = System.nanoTime() - start;
            boolean quiet = compiledNow == compiled;
            compiled = compiledNow;
            if (elapsed >= WARMUP_LIMIT.toNanos()) {
                System.out.printf("match warm-up: stopped at %d s with the compilers still at work%n",
                        elapsed / 1_000_000_000L);
                break;
            }
            if (quiet && calls >= samples && elapsed >= warmup.toNanos()) {
                System.out.printf("match warm-up: %d calls in %.1f s, until neither JVM compiled anything during %d"
                        + " calls%n", calls, elapsed / 1e9, WARMUP_SLICE);
                break;
            }
        }
        Duration cpuBefore = cpu(poolProcess);
        Timed timed = timedCalls(pool, request, samples);
        double poolCpuMs = cpu(poolProcess).minus(cpuBefore).toNanos() / 1e6 / samples;
        long[] nanos = timed.nanos();
        Arrays.sort(nanos);
        System.out.printf("match latency (ms): p50 %.3f, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f%n",
                percentile(nanos, 0.50), percentile(nanos, 0.90), percentile(nanos, 0.99), percentile(nanos, 0.999),
                nanos[samples - 1] / 1e6);
        return new Result(percentile(nanos, 0.50), percentile(nanos, 0.99), timed.matchedTokens(), poolCpuMs);
    }

    private record Timed(long[] nanos, int matchedTokens) {
    }

    /** One call after the other, each timed from its subscription to its answer; its lease released after. */
    private static Timed timedCalls(MemPoolControlClient pool, MatchRequest request, int count) {
        long[] nanos = new long[count];
        int[] matched = new int[1];
        Flux.range(0, count).concatMap(i -> Mono.defer(() -> {
            long start = System.nanoTime();
            return pool.match(request).doOnNext(response -> {
                nanos[i] = System.nanoTime() - start;
                matched[0] = response.matchedTokens();
            });
        }).flatMap(response -> response.leaseId() == null ? Mono.empty()
                : pool.releaseLease(response.leaseId()))).blockLast();
        return new Timed(nanos, matched[0]);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
