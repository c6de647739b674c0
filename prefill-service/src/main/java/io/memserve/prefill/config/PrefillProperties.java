package io.memserve.prefill.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings, read from the environment variables of docs/serving-internals.md (see application.yml).
 *
 * @param modelName served model name; blank means the model directory's name
 * @param kvPages engine KV pages (16 tokens each) shared by the prefills in progress
 * @param threads CPU threads for the engine's kernels; 0 means one per core
 * @param tokenBudget most prompt tokens fed to the engine in one step
 * @param maxConcurrentPrefills prefills computed at once; later ones wait (and count as waiting)
 * @param mempoolDeadline how long one MemPool call may take
 */
@ConfigurationProperties("memserve")
public record PrefillProperties(
        Path modelDir,
        String modelName,
        String instanceId,
        String advertisedUrl,
        String mempoolUrl,
        String clusterSecret,
        int kvPages,
        int threads,
        int tokenBudget,
        int maxConcurrentPrefills,
        Duration mempoolDeadline,
        Duration heartbeatInterval,
        Duration aliveTtl) {

    public PrefillProperties {
        if (modelDir == null || modelDir.toString().isBlank()) {
            throw new IllegalArgumentException("MEMSERVE_MODEL_DIR must name the model directory");
        }
        if (maxConcurrentPrefills < 1) {
            throw new IllegalArgumentException("MEMSERVE_MAX_CONCURRENT_PREFILLS must be at least 1");
        }
    }

    public String servedModelName() {
        return modelName == null || modelName.isBlank() ? modelDir.getFileName().toString() : modelName;
    }
}
