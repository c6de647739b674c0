package io.memserve.kvhandoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.InstanceRegistryKeys;
import io.memserve.serving.api.InstanceRole;
import io.memserve.testcluster.TestRedis;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

class InstanceHeartbeatTest {

    private final ReactiveStringRedisTemplate redis = TestRedisTemplate.get();

    @Test
    void aBeatRegistersTheInstanceWithATtlAndCloseRemovesIt() {
        InstanceHeartbeat.Identity identity = new InstanceHeartbeat.Identity("prefill-hb", InstanceRole.PREFILL,
                "http://127.0.0.1:9000", "pool-p0", "tiny", 2048);
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(redis, identity, () -> new InstanceLoad(2, 3),
                () -> 17L, Duration.ofSeconds(1), Duration.ofSeconds(3));

        heartbeat.beat().block();

        Map<String, String> hash = redis.<String, String>opsForHash().entries(InstanceRegistryKeys.instance("prefill-hb"))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        InstanceRecord record = InstanceRecord.fromHash("prefill-hb", hash);
        assertEquals(InstanceRole.PREFILL, record.role());
        assertEquals("pool-p0", record.pool());
        assertEquals(2, record.running());
        assertEquals(3, record.waiting());
        assertEquals(17, record.freeKvPages());
        assertTrue(redis.opsForSet().isMember(InstanceRegistryKeys.INSTANCES, "prefill-hb").block());
        long ttl = redis.getExpire(InstanceRegistryKeys.alive("prefill-hb")).block().toMillis();
        assertTrue(ttl > 0 && ttl <= 3000, "alive TTL " + ttl + " ms");

        heartbeat.close();

        assertFalse(redis.hasKey(InstanceRegistryKeys.alive("prefill-hb")).block());
        assertFalse(redis.hasKey(InstanceRegistryKeys.instance("prefill-hb")).block());
        assertFalse(redis.opsForSet().isMember(InstanceRegistryKeys.INSTANCES, "prefill-hb").block());
    }
}
