package io.memserve.scheduler.routing;

import java.util.function.DoubleSupplier;

/** An exponentially weighted average of prompt lengths, so the prompt-tree score follows the current workload. */
public final class PromptLengthAverage implements DoubleSupplier {
    private static final double WEIGHT = 0.05;
    private double average;
    private boolean seen;

    public synchronized void record(int promptTokens) {
        average = seen ? average + WEIGHT * (promptTokens - average) : promptTokens;
        seen = true;
    }

    @Override
    public synchronized double getAsDouble() {
        return average;
    }
}
