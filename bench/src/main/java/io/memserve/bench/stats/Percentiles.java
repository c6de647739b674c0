package io.memserve.bench.stats;

/**
 * Percentiles by linear interpolation between closest ranks (numpy's default, Hyndman and Fan's type 7): for sorted
 * values {@code x[0..n-1]} the p-th percentile sits at rank {@code h = (n - 1) p / 100}, between {@code x[floor h]}
 * and {@code x[floor h + 1]}.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** {@code sorted} must be ascending and not empty; {@code p} in {@code [0, 100]}. */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0 || !(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile needs values and p in [0, 100], got " + sorted.length
                    + " values and p " + p);
        }
        double rank = (sorted.length - 1) * p / 100.0;
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
