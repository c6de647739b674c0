package io.memserve.decode.generation;

/**
 * How a request runs around the batch.
 *
 * @param loadPrefix start from the prompt's blocks in this node's pool
 * @param writeBack publish the finished sequence's full blocks to this node's pool
 * @param prefillPool the pool to hand the written-back blocks on to (the prefill instance's), or null
 * @param announcePrompt start the stream with the prompt's length and cached tokens (colocated generation)
 */
public record RunOptions(boolean loadPrefix, boolean writeBack, String prefillPool, boolean announcePrompt) {

    public static RunOptions decode(boolean cache, String prefillPool) {
        return new RunOptions(true, cache, cache ? prefillPool : null, false);
    }

    public static RunOptions colocated(boolean cache) {
        return new RunOptions(cache, cache, null, true);
    }
}
