package io.memserve.kvhandoff;

import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.testredis.FreePort;
import io.memserve.testredis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real mempool-service, started from its published jar as its own process against the test Redis, with clients.
 * The jar's path comes from the build (it copies the artifact for the tests).
 */
public final class TestPoolProcess implements AutoCloseable {

    public static final String SECRET = "test-cluster-secret-0123456789";
    public static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    public final String id;
    public final PoolEndpoint endpoint;
    public final MemPoolControlClient control;
    public final MemPoolClient client;
    private final Process process;

    public TestPoolProcess(String id) {
        this.id = id;
        int httpPort = FreePort.find();
        int dataPort = FreePort.find();
        Path jar = Path.of(System.getProperty("memserve.test.mempool-jar", "target/test-pools/mempool-service.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            this.process = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
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
        awaitReady();
    }

    public static DataPlaneSettings settings() {
        return DataPlaneSettings.defaults(SECRET.getBytes(StandardCharsets.UTF_8))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pool " + id + " exited with " + process.exitValue()
                        + "; see target/pool-" + id + ".log");
            }
            try {
                control.status().block(Duration.ofSeconds(2));
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("pool " + id + " did not start within " + START_LIMIT, notYet);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    @Override
    public void close() {
        client.close();
        control.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
