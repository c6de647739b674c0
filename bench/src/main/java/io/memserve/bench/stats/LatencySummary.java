package io.memserve.bench.stats;

import java.util.Arrays;

/** Mean and percentiles of one latency, in ms; every field is {@code null} when there was nothing to measure. */
public record LatencySummary(Double mean, Double p50, Double p90, Double p99) {

    public static LatencySummary of(double[] values) {
        if (values.length == 0) {
            return new LatencySummary(null, null, null, null);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new LatencySummary(Arrays.stream(sorted).average().orElseThrow(), Percentiles.of(sorted, 50),
                Percentiles.of(sorted, 90), Percentiles.of(sorted, 99));
    }
}
