package io.memserve.decode.batch;

/**
 * @param maxBatch the most sequences in the running batch (loading, prefilling, decoding or writing back)
 * @param tokenBudget the most tokens fed to the engine in one step; decode tokens come first, prefill chunks share
 *        what is left
 */
public record BatchLimits(int maxBatch, int tokenBudget) {

    public BatchLimits {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the batch must hold at least one sequence: " + maxBatch);
        }
        if (tokenBudget < maxBatch) {
            throw new IllegalArgumentException("the token budget (" + tokenBudget
                    + ") must cover one decode token for each of the " + maxBatch + " sequences of a full batch");
        }
    }
}
