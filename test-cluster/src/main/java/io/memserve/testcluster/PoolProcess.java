package io.memserve.testcluster;

import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierStatus;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A real mempool-service, started from its published jar as its own process (as dev-cluster runs it) on free ports
 * against the {@link TestRedis}, with clients. The jar's path comes from the system property
 * {@code memserve.test.mempool-jar}, which a module's build sets after copying the artifact for its tests. The pool's
 * output goes to {@code target/pool-<id>.log}.
 */
public final class PoolProcess implements AutoCloseable {

    public static final String SECRET = "test-cluster-secret-0123456789";
    public static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    public final String id;
    public final PoolEndpoint endpoint;
    public final MemPoolControlClient control;
    public final MemPoolClient client;
    private final Process process;

    /** Starts the process without waiting for it, so that several pools start in parallel; see {@link #awaitReady}. */
    public PoolProcess(String id) {
        this.id = id;
        int httpPort = FreePort.find();
        int dataPort = FreePort.find();
        String jar = System.getProperty("memserve.test.mempool-jar");
        if (jar == null) {
            throw new IllegalStateException("set memserve.test.mempool-jar to mempool-service's jar for the tests");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            this.process = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar,
                    "--server.port=" + httpPort,
                    "--spring.data.redis.url=" + TestRedis.url(),
                    "--mempool.pool-id=" + id,
                    "--mempool.advertised-host=127.0.0.1",
                    "--mempool.data-port=" + dataPort,
                    "--mempool.cluster-secret=" + SECRET,
                    "--mempool.dram-capacity=64MB",
                    "--mempool.heartbeat-interval=200ms",
                    "--mempool.heartbeat-ttl=2s",
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "pool-" + id + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.endpoint = new PoolEndpoint(id, "127.0.0.1", httpPort, dataPort);
        this.control = new MemPoolControlClient(endpoint.baseUrl(), DEADLINE);
        this.client = new MemPoolClient(endpoint.baseUrl(), settings(), DEADLINE);
    }

    /** A started pool that answers. */
    public static PoolProcess started(String id) {
        return new PoolProcess(id).awaitReady();
    }

    /** The data-plane settings of a client of this test cluster. */
    public static DataPlaneSettings settings() {
        return DataPlaneSettings.defaults(SECRET.getBytes(StandardCharsets.UTF_8))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Waits until the pool answers its status call. */
    public PoolProcess awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pool " + id + " exited with " + process.exitValue()
                        + "; see target/pool-" + id + ".log");
            }
            try {
                control.status().block(Duration.ofSeconds(2));
                return this;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("pool " + id + " did not start within " + START_LIMIT
                            + "; see target/pool-" + id + ".log", notYet);
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    /** Blocks pinned by leases, over all tiers. */
    public int pinnedBlocks() {
        return control.status().block(DEADLINE).tiers().stream().mapToInt(TierStatus::pinnedBlocks).sum();
    }

    @Override
    public void close() {
        client.close();
        control.close();
        process.destroy();
        process.onExit().join();
    }
}
