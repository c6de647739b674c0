package io.memserve.decode;

import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.testredis.FreePort;
import io.memserve.testredis.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real mempool-service, started from its jar as its own process (as dev-cluster runs it) on free ports against the
 * test Redis. Its output goes to {@code target/<id>.log}.
 */
final class PoolProcess implements AutoCloseable {

    static final String SECRET = "decode-test-cluster-secret";

    final String id;
    final String url;
    final MemPoolControlClient control;
    private final Process process;

    PoolProcess(String id) {
        this.id = id;
        int httpPort = FreePort.find();
        this.url = "http://127.0.0.1:" + httpPort;
        Path jar = Path.of(System.getProperty("memserve.test.mempool-jar", "target/test-services/mempool-service.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            this.process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                    "--server.port=" + httpPort,
                    "--spring.data.redis.url=" + TestRedis.url(),
                    "--mempool.pool-id=" + id,
                    "--mempool.advertised-host=127.0.0.1",
                    "--mempool.data-port=" + FreePort.find(),
                    "--mempool.cluster-secret=" + SECRET,
                    "--mempool.dram-capacity=64MB",
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", id + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.control = new MemPoolControlClient(url, Duration.ofSeconds(10));
    }

    /** Waits until the pool answers; pools start in parallel, then each is awaited. */
    PoolProcess awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                control.status().block(Duration.ofSeconds(5));
                return this;
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mempool-service " + id + " did not start; see target/" + id
                            + ".log", notYet);
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int pinnedBlocks() {
        return control.status().block().tiers().stream().mapToInt(tier -> tier.pinnedBlocks()).sum();
    }

    @Override
    public void close() {
        control.close();
        process.destroy();
        process.onExit().join();
    }
}
