package io.memserve.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a token from logits. Stateless: the random number behind the {@code index}-th token of a request comes from
 * the request's seed and {@code index} alone, so a request replays identically wherever and whenever it runs.
 */
public final class Sampler {

    private Sampler() {
    }

    public static int sample(float[] logits, SamplingParams params, int index) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("no logits to sample from");
        }
        if (params.greedy()) {
            return argmax(logits);
        }
        Integer[] order = candidates(logits, params.topK());
        double max = logits[order[0]];
        double[] weights = new double[order.length];
        double total = 0;
        for (int i = 0; i < order.length; i++) {
            weights[i] = StrictMath.exp((logits[order[i]] - max) / params.temperature());
            total += weights[i];
        }
        int kept = nucleus(weights, total, params.topP());
        double keptTotal = 0;
        for (int i = 0; i < kept; i++) {
            keptTotal += weights[i];
        }
        double draw = uniform(params.seed(), index) * keptTotal;
        for (int i = 0; i < kept - 1; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return order[i];
            }
        }
        return order[kept - 1];
    }

    /** The highest logit; ties go to the lowest token id. NaN logits are never chosen. */
    public static int argmax(float[] logits) {
        int best = -1;
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isNaN(logits[i]) && (best < 0 || logits[i] > logits[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("every logit is NaN");
        }
        return best;
    }

    /** Token ids by descending logit, ties by ascending id, cut to the top k when k > 0. */
    private static Integer[] candidates(float[] logits, int topK) {
        Integer[] order = new Integer[logits.length];
        int n = 0;
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isNaN(logits[i])) {
                order[n++] = i;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("every logit is NaN");
        }
        order = Arrays.copyOf(order, n);
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        return topK > 0 && topK < n ? Arrays.copyOf(order, topK) : order;
    }

    /** How many of the sorted candidates make up the smallest prefix whose probability reaches {@code topP}. */
    private static int nucleus(double[] sortedWeights, double total, float topP) {
        if (topP >= 1f) {
            return sortedWeights.length;
        }
        double cumulative = 0;
        for (int i = 0; i < sortedWeights.length; i++) {
            cumulative += sortedWeights[i];
            if (cumulative >= topP * total) {
                return i + 1;
            }
        }
        return sortedWeights.length;
    }

    private static double uniform(long seed, int index) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L))).nextDouble();
    }
}
