package io.memserve.bench.workload;

import java.util.random.RandomGenerator;

/**
 * A token length drawn from a log-normal distribution (median and sigma of the underlying normal) and clamped to
 * {@code [min, max]}, the shape real prompt and answer lengths have (a long right tail). {@code --scale} multiplies
 * the median and both bounds, so a scaled workload keeps its shape.
 */
public record LengthDistribution(double median, double sigma, int min, int max) {

    public LengthDistribution {
        if (median <= 0 || sigma < 0 || min < 1 || max < min) {
            throw new IllegalArgumentException("bad length distribution: median " + median + ", sigma " + sigma
                    + ", bounds [" + min + ", " + max + "]");
        }
    }

    /** A fixed length. */
    public static LengthDistribution fixed(int tokens) {
        return new LengthDistribution(tokens, 0, tokens, tokens);
    }

    public int sample(RandomGenerator random, double scale) {
        double drawn = median * scale * Math.exp(sigma * random.nextGaussian());
        return (int) Math.clamp(Math.round(drawn), scaledMin(scale), scaledMax(scale));
    }

    public int scaledMin(double scale) {
        return (int) Math.max(1, Math.round(min * scale));
    }

    public int scaledMax(double scale) {
        return (int) Math.max(1, Math.round(max * scale));
    }
}
