package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.TierStatus;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.serving.api.InstanceRegistryKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Check 6: clients that go away mid-stream release their sequences. Twenty streams that would each run for 2000
 * tokens are read for two events and dropped; then every pool's pinned blocks and every worker's running and waiting
 * sequences (as the registry publishes them) come back to zero, and the cluster serves the next request.
 */
@Order(4)
class AbandonedStreamsIT {

    private static final int STREAMS = 20;
    private static final int EVENTS_READ = 2;

    @Test
    void abandonedStreamsReleaseTheirSequences() throws Exception {
        RunningCluster cluster = E2eClusters.with();
        GatewayClient client = new GatewayClient(cluster, E2eClusters.STREAMS_KEY);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> readers = IntStream.range(0, STREAMS)
                    .mapToObj(i -> pool.submit(() -> readSomeThenLeave(client, i))).toList();
            for (Future<Integer> reader : readers) {
                assertEquals(EVENTS_READ, reader.get(), "each stream was left before its end");
            }
        }
        RedisClient redis = RedisClient.create(cluster.redisUrl());
        try (StatefulRedisConnection<String, String> registry = redis.connect()) {
            Eventually.await(() -> busy(cluster, registry));
        } finally {
            redis.shutdown();
        }
        HttpResult next = new GatewayClient(cluster, E2eClusters.KEY).post("/v1/completions",
                ConversationRunner.greedyRequest("tiny", new int[] {310, 311, 312}, 3));
        assertEquals(200, next.status(), next.body());
    }

    /** Reads the first events of a long stream, then closes the connection; returns how many events it read. */
    private static int readSomeThenLeave(GatewayClient client, int i) {
        ObjectNode request = ConversationRunner.greedyRequest("tiny",
                IntStream.range(0, 20).map(t -> 400 + (i * 20 + t) % 500).toArray(), 2000);
        request.put("stream", true);
        try (BufferedReader events = new BufferedReader(
                new InputStreamReader(client.openStream("/v1/completions", request), StandardCharsets.UTF_8))) {
            int read = 0;
            while (read < EVENTS_READ) {
                String line = events.readLine();
                assertTrue(line != null && !line.equals("data: [DONE]"), "the stream ended before it was left");
                if (line.startsWith("data: ")) {
                    read++;
                }
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "" once nothing is pinned or running anywhere; otherwise what still is. */
    private static String busy(RunningCluster cluster, StatefulRedisConnection<String, String> registry) {
        List<String> busy = new ArrayList<>();
        for (String url : cluster.mempoolUrls()) {
            try (MemPoolControlClient pool = new MemPoolControlClient(url, Duration.ofSeconds(5))) {
                PoolStatus status = pool.status().block();
                int pinned = status.tiers().stream().mapToInt(TierStatus::pinnedBlocks).sum();
                if (pinned != 0) {
                    busy.add(url + " has " + pinned + " pinned blocks");
                }
            }
        }
        for (String id : cluster.workerIds()) {
            Map<String, String> instance = registry.sync().hgetall(InstanceRegistryKeys.instance(id));
            for (String field : List.of("running", "waiting")) {
                if (!"0".equals(instance.get(field))) {
                    busy.add(id + " " + field + "=" + instance.get(field));
                }
            }
        }
        return String.join("; ", busy);
    }
}
