package io.memserve.scheduler.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.scheduler.tree.KvEventFollower;
import io.memserve.scheduler.tree.PromptTrees;
import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRegistryKeys;
import io.memserve.serving.api.InstanceRole;
import io.memserve.testcluster.TestRedis;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The registry reader and the KV event follower against a real Redis. */
class RedisFollowersTest {
    private static final BlockLayout LAYOUT = new BlockLayout(4, 2, 32, DType.F32);
    private static final BlockKeyChain CHAIN = new BlockKeyChain("tiny", LAYOUT);

    private LettuceConnectionFactory connections;
    private ReactiveStringRedisTemplate redis;

    @BeforeEach
    void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", TestRedis.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
        redis.execute(c -> c.serverCommands().flushAll()).blockLast();
    }

    @AfterEach
    void disconnect() {
        connections.destroy();
    }

    @Test
    void onlyInstancesWithAnAliveKeyAndAWellFormedEntryAreLive() {
        register(record("p0", InstanceRole.PREFILL), true);
        register(record("d0", InstanceRole.DECODE), false);
        redis.opsForSet().add(InstanceRegistryKeys.INSTANCES, "broken").block();
        redis.opsForHash().put(InstanceRegistryKeys.instance("broken"), "role", "prefill").block();
        redis.opsForValue().set(InstanceRegistryKeys.alive("broken"), "1").block();

        InstanceRegistry registry = new InstanceRegistry(redis);
        assertEquals(List.of("p0"), registry.refresh().block().all().stream().map(InstanceRecord::id).toList());
        assertEquals(false, registry.live().colocated());

        register(record("c0", InstanceRole.COLOCATED), true);
        redis.delete(InstanceRegistryKeys.alive("p0")).block();
        LiveInstances live = registry.refresh().block();
        assertEquals(List.of("c0"), live.all().stream().map(InstanceRecord::id).toList());
        assertEquals(true, live.colocated());
    }

    @Test
    void theFollowerReplaysTheStreamFromItsStartSkipsMalformedEventsAndAppliesRemovals() {
        int[] prompt = IntStream.range(100, 140).toArray();
        BlockKey[] keys = CHAIN.keys(prompt);
        stored("pool-a", keys[0], CHAIN.root(), prompt, 0);
        redis.opsForStream().add(StreamRecords.string(Map.of("type", "stored", "pool", "pool-a"))
                .withStreamKey(KvEventFollower.STREAM)).block();
        stored("pool-a", keys[1], keys[0], prompt, 16);

        PromptTrees trees = new PromptTrees(Duration.ofSeconds(10), System::currentTimeMillis);
        KvEventFollower follower = new KvEventFollower(redis, trees, 2);
        assertEquals(2, follower.poll().block());
        assertEquals(1, follower.poll().block());
        assertEquals(32, trees.matchedTokens("pool-a", prompt));
        assertEquals(0, follower.poll().block());

        redis.opsForStream().add(StreamRecords.string(Map.of("type", "removed", "pool", "pool-a",
                "key", keys[1].hex(), "reason", "evicted")).withStreamKey(KvEventFollower.STREAM)).block();
        assertEquals(1, follower.poll().block());
        assertEquals(16, trees.matchedTokens("pool-a", prompt));
    }

    private void stored(String pool, BlockKey key, BlockKey parent, int[] prompt, int offset) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "stored");
        fields.put("pool", pool);
        fields.put("model", "tiny");
        fields.put("layout", LAYOUT.id());
        fields.put("key", key.hex());
        fields.put("parent", parent.hex());
        fields.put("tokens", Arrays.stream(prompt, offset, offset + 16).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
        fields.put("tier", "DRAM");
        redis.opsForStream().add(StreamRecords.string(fields).withStreamKey(KvEventFollower.STREAM)).block();
    }

    private void register(InstanceRecord record, boolean alive) {
        redis.opsForSet().add(InstanceRegistryKeys.INSTANCES, record.id()).block();
        redis.opsForHash().putAll(InstanceRegistryKeys.instance(record.id()), record.toHash()).block();
        if (alive) {
            redis.opsForValue().set(InstanceRegistryKeys.alive(record.id()), "1", Duration.ofSeconds(30)).block();
        }
    }

    private static InstanceRecord record(String id, InstanceRole role) {
        return new InstanceRecord(id, role, "http://127.0.0.1:1", "pool-" + id, "tiny", 2048, 0, 0, 64, 1);
    }
}
