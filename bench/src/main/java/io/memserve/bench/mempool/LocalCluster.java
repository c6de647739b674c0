package io.memserve.bench.mempool;

import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.client.MemPoolControlClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * A real Redis (embedded-redis's redis-server) and pool processes ({@code java -jar mempool-service.jar}) on loopback,
 * each pool in its own JVM as in a deployment, stopped together.
 */
final class LocalCluster implements AutoCloseable {

    static final String SECRET = "bench-cluster-secret-0123456789";
    private static final Duration START_DEADLINE = Duration.ofMinutes(2);

    /** A pool process and its endpoints. */
    record Pool(String id, Process process, int httpPort, int dataPort, Path log) {

        String baseUrl() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    private final RedisServer redis;
    private final int redisPort;
    private final Path poolJar;
    private final List<Pool> pools = new ArrayList<>();

    LocalCluster(Path poolJar) throws IOException {
        if (!Files.isRegularFile(poolJar)) {
            throw new IllegalArgumentException("no pool jar at " + poolJar + " (build mempool-service or pass"
                    + " --pool-jar)");
        }
        this.poolJar = poolJar;
        this.redisPort = freePort();
        this.redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        redis.start();
    }

    Pool startPool(String id, long dramBytes) throws IOException, InterruptedException {
        int httpPort = freePort();
        int dataPort = freePort();
        Path log = Files.createTempFile("mempool-" + id, ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        // A fixed heap whose young generation is large enough that the measured match calls meet few collections.
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-Xlog:gc", "-jar", poolJar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "MEMPOOL_POOL_ID", id,
                "MEMPOOL_HTTP_PORT", Integer.toString(httpPort),
                "MEMPOOL_DATA_PORT", Integer.toString(dataPort),
                "MEMPOOL_ADVERTISED_HOST", "127.0.0.1",
                "MEMPOOL_CLUSTER_SECRET", SECRET,
                "MEMPOOL_DRAM_CAPACITY", dramBytes + "B",
                "MEMPOOL_REDIS_URL", "redis://127.0.0.1:" + redisPort));
        Pool pool = new Pool(id, builder.start(), httpPort, dataPort, log);
        pools.add(pool);
        awaitReady(pool);
        return pool;
    }

    private static void awaitReady(Pool pool) throws InterruptedException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        try (MemPoolControlClient control = new MemPoolControlClient(pool.baseUrl(), Duration.ofSeconds(2))) {
            while (System.nanoTime() < deadline) {
                if (!pool.process().isAlive()) {
                    throw new IllegalStateException("pool " + pool.id() + " exited; see " + pool.log());
                }
                try {
                    PoolStatus status = control.status().block();
                    if (status != null) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("pool " + pool.id() + " did not start within " + START_DEADLINE + "; see "
                + pool.log());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Pool pool : pools) {
            pool.process().destroy();
        }
        for (Pool pool : pools) {
            pool.process().waitFor();
        }
        redis.stop();
    }
}
