package io.memserve.mempool.service.index;

import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that keep MemPool's Redis schema consistent (see docs/mempool-redis.md). Each runs atomically and is
 * sent by SHA once Redis knows it.
 */
public final class RedisScripts {

    /** Approximate length the KV event stream is trimmed to. */
    public static final long STREAM_MAX_LENGTH = 100_000;

    public static final RedisScript<Long> APPLY_EVENTS = script("apply-events.lua", Long.class);
    @SuppressWarnings("rawtypes")
    public static final RedisScript<List> MATCH = script("match.lua", List.class);
    public static final RedisScript<Long> HEARTBEAT = script("heartbeat.lua", Long.class);
    public static final RedisScript<Long> SWEEP_POOL = script("sweep-pool.lua", Long.class);
    @SuppressWarnings("rawtypes")
    public static final RedisScript<List> ENDPOINT = script("endpoint.lua", List.class);

    private RedisScripts() {
    }

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return RedisScript.of(new ClassPathResource("redis/" + name), type);
    }
}
