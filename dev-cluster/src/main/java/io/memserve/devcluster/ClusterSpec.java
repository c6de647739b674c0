package io.memserve.devcluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to start: the options of {@code memserve-dev.jar}, checked together.
 *
 * @param port the gateway's port; 0 picks a free one
 * @param prefill prefill instances (0 in colocated mode)
 * @param decode decode instances, or colocated instances in colocated mode
 * @param mempools MemPool processes; worker {@code i} uses pool {@code i mod mempools}
 * @param apiKeys keys the gateway accepts; the first is the one printed
 * @param model {@code tiny}, {@code bench} or a model directory
 * @param redisUrl an existing Redis, or null for an embedded one
 * @param runDir where the children's logs go
 * @param poolCapacity DRAM of each MemPool, as MEMPOOL_DRAM_CAPACITY takes it (e.g. {@code 256MB})
 */
public record ClusterSpec(int port, Mode mode, int prefill, int decode, int mempools, boolean cache, Policy policy,
        List<String> apiKeys, String model, long modelSeed, Path modelCache, String redisUrl, Path runDir,
        String poolCapacity, Duration startTimeout) {

    public ClusterSpec {
        require(port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
        require(mode != null && policy != null, "mode and policy are required");
        require(decode >= 1, "--decode must be at least 1, got " + decode);
        if (mode == Mode.DISAGGREGATED) {
            require(prefill >= 1, "--prefill must be at least 1 in disaggregated mode, got " + prefill);
        } else {
            require(prefill == 0, "--prefill applies to disaggregated mode only: colocated mode runs --decode "
                    + "instances that both prefill and decode");
        }
        int workers = prefill + decode;
        require(mempools >= 1 && mempools <= workers,
                "--mempools must be between 1 and the number of workers (" + workers + "), got " + mempools);
        require(apiKeys != null && !apiKeys.isEmpty(), "at least one API key is required");
        for (String key : apiKeys) {
            require(key != null && !key.isBlank() && key.chars().noneMatch(c -> c == ',' || Character.isWhitespace(c)),
                    "an API key must be non-empty, without spaces or commas");
        }
        apiKeys = List.copyOf(apiKeys);
        require(model != null && !model.isBlank(), "--model is required");
        require(modelCache != null && runDir != null, "model cache and run directory are required");
        require(poolCapacity != null && poolCapacity.matches("[1-9][0-9]*(B|KB|MB|GB)"),
                "--pool-capacity must look like 256MB, got " + poolCapacity);
        require(startTimeout != null && startTimeout.isPositive(), "--start-timeout must be positive");
    }

    public int workers() {
        return prefill + decode;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
