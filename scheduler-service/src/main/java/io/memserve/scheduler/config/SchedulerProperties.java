package io.memserve.scheduler.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The scheduler's configuration ({@code memserve.*}; application.yml maps the environment variables of
 * docs/serving-internals.md onto it). Checked at start, so a bad value stops the service with its name.
 */
@ConfigurationProperties("memserve")
public record SchedulerProperties(
        Path modelDir,
        String modelName,
        boolean cache,
        String policy,
        Admission admission,
        Routing routing,
        Workers workers) {

    /** At most {@code maxInFlight} requests run; up to {@code maxQueued} more wait; beyond that, 429. */
    public record Admission(int maxInFlight, int maxQueued) {
        public Admission {
            require(maxInFlight >= 1, "memserve.admission.max-in-flight must be >= 1, got " + maxInFlight);
            require(maxQueued >= 0, "memserve.admission.max-queued must be >= 0, got " + maxQueued);
        }
    }

    /**
     * {@code loadWeight} is α of the prompt-tree score and {@code remoteHitWeight} what a block that only another
     * instance's pool holds is worth there against one in the instance's own pool; {@code provisionalTtl} is how long
     * a routing decision counts as cached without a KV event confirming it.
     */
    public record Routing(Duration registryRefresh, Duration eventPoll, int eventBatch, Duration provisionalTtl,
            double loadWeight, double remoteHitWeight, int sessions) {
        public Routing {
            require(positive(registryRefresh), "memserve.routing.registry-refresh must be positive");
            require(positive(eventPoll), "memserve.routing.event-poll must be positive");
            require(eventBatch >= 1, "memserve.routing.event-batch must be >= 1, got " + eventBatch);
            require(positive(provisionalTtl), "memserve.routing.provisional-ttl must be positive");
            require(loadWeight >= 0 && Double.isFinite(loadWeight),
                    "memserve.routing.load-weight must be a finite number >= 0, got " + loadWeight);
            require(remoteHitWeight >= 0 && remoteHitWeight <= 1,
                    "memserve.routing.remote-hit-weight must be between 0 and 1, got " + remoteHitWeight);
            require(sessions >= 1, "memserve.routing.sessions must be >= 1, got " + sessions);
        }
    }

    /** Connections to the workers: streams hold one each for their whole length, so the pool must be large. */
    public record Workers(int maxConnections, Duration connectTimeout) {
        public Workers {
            require(maxConnections >= 1, "memserve.workers.max-connections must be >= 1, got " + maxConnections);
            require(positive(connectTimeout), "memserve.workers.connect-timeout must be positive");
        }
    }

    public SchedulerProperties {
        require(modelDir != null, "memserve.model-dir (MEMSERVE_MODEL_DIR) must be set");
        require(policy != null && !policy.isBlank(), "memserve.policy (MEMSERVE_POLICY) must be set");
        require(admission != null && routing != null && workers != null,
                "memserve.admission, memserve.routing and memserve.workers must be set");
    }

    /** The served model name: {@code MEMSERVE_MODEL_NAME}, or the model directory's name. */
    public String servedModelName() {
        return modelName == null || modelName.isBlank()
                ? modelDir.toAbsolutePath().normalize().getFileName().toString()
                : modelName;
    }

    private static boolean positive(Duration d) {
        return d != null && d.isPositive();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
