package io.memserve.bench.mempool;

import io.memserve.mempool.api.MemPoolJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Milliseconds the JIT compilers have spent so far, in this JVM and in a pool (its {@code jvm.compilation.time}
 * metric). On two cores a compiler thread that is still at work takes a core from the client, the pool or Redis for
 * hundreds of milliseconds at a time, so latency measured before both stop compiling measures the compiler.
 */
final class CompilerActivity {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI poolMetric;

    CompilerActivity(String poolBaseUrl) {
        this.poolMetric = URI.create(poolBaseUrl + "/actuator/metrics/jvm.compilation.time");
    }

    /** Compile milliseconds of this JVM plus the pool's so far. */
    long totalMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() + poolMillis();
    }

    private long poolMillis() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(poolMetric).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("pool metric " + poolMetric + " answered " + response.statusCode());
            }
            JsonNode value = MemPoolJson.mapper().readTree(response.body()).path("measurements").path(0).path("value");
            if (!value.isNumber()) {
                throw new IllegalStateException("pool metric " + poolMetric + " has no value: " + response.body());
            }
            return Math.round(value.asDouble());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + poolMetric, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + poolMetric, e);
        }
    }
}
