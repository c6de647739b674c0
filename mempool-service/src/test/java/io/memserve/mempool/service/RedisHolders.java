package io.memserve.mempool.service;

import io.memserve.kvblock.BlockKey;
import io.memserve.mempool.service.index.HoldersKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** What Redis says about a block key's holders (pool to tier), read the way docs/mempool-redis.md describes. */
final class RedisHolders {

    private RedisHolders() {
    }

    static Map<String, String> of(ReactiveStringRedisTemplate redis, BlockKey key) {
        String value = redis.opsForValue().get(HoldersKey.of(key)).block();
        Map<String, String> holders = new LinkedHashMap<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                String[] poolAndTier = entry.split("=", 2);
                holders.put(poolAndTier[0], poolAndTier[1]);
            }
        }
        return holders;
    }
}
