package io.memserve.bench.workload;

import java.util.random.RandomGenerator;

/**
 * How big a workload is drawn.
 *
 * @param scale       multiplies every token length (not the number of turns)
 * @param maxContext  the model's context: a session ends before the turn whose prompt plus answer would not fit
 * @param thinkMeanMs the mean think time between turns, or {@code null} for the workload's own
 */
public record WorkloadSettings(double scale, int maxContext, Double thinkMeanMs) {

    public static final int DEFAULT_MAX_CONTEXT = 2048;

    public WorkloadSettings {
        if (!(scale > 0) || maxContext < 2 || (thinkMeanMs != null && !(thinkMeanMs >= 0))) {
            throw new IllegalArgumentException("--scale must be positive, --max-context at least 2 and --think-ms "
                    + "not negative");
        }
    }

    public static WorkloadSettings defaults() {
        return new WorkloadSettings(1.0, DEFAULT_MAX_CONTEXT, null);
    }

    public int[] tokens(RandomGenerator random, LengthDistribution length) {
        return RandomTokens.of(random, length.sample(random, scale));
    }

    public int length(RandomGenerator random, LengthDistribution length) {
        return length.sample(random, scale);
    }

    /** An exponentially distributed think time (a memoryless user), with the workload's mean unless overridden. */
    public double thinkMs(RandomGenerator random, double workloadMeanMs) {
        return (thinkMeanMs != null ? thinkMeanMs : workloadMeanMs) * random.nextExponential();
    }
}
