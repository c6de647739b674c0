package io.memserve.decode.config;

import io.memserve.serving.api.InstanceRole;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings, read from the environment variables of docs/serving-internals.md (see application.yml).
 *
 * @param modelName served model name; blank means the model directory's name
 * @param kvPages engine KV pages (16 tokens each) shared by every sequence of the batch
 * @param threads CPU threads for the engine's kernels; 0 means one per core
 * @param maxBatch most sequences in the running batch
 * @param tokenBudget most tokens fed to the engine in one step (decode tokens plus prefill chunks)
 * @param mempoolDeadline how long one MemPool call may take
 */
@ConfigurationProperties("memserve")
public record DecodeProperties(
        InstanceRole role,
        Path modelDir,
        String modelName,
        String instanceId,
        String advertisedUrl,
        String mempoolUrl,
        String clusterSecret,
        int kvPages,
        int threads,
        int maxBatch,
        int tokenBudget,
        Duration mempoolDeadline,
        Duration heartbeatInterval,
        Duration aliveTtl) {

    public DecodeProperties {
        if (role == null || role == InstanceRole.PREFILL) {
            throw new IllegalArgumentException("MEMSERVE_ROLE must be decode or colocated, got " + role);
        }
        if (modelDir == null || modelDir.toString().isBlank()) {
            throw new IllegalArgumentException("MEMSERVE_MODEL_DIR must name the model directory");
        }
    }

    public String servedModelName() {
        return modelName == null || modelName.isBlank() ? modelDir.getFileName().toString() : modelName;
    }
}
