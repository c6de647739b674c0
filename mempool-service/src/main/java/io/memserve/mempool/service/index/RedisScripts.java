package io.memserve.mempool.service.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that keep MemPool's Redis schema consistent (see docs/mempool-redis.md). Each runs atomically and is
 * sent by SHA once Redis knows it.
 */
public final class RedisScripts {

    /** Approximate length the KV event stream is trimmed to. */
    public static final long STREAM_MAX_LENGTH = 100_000;

    public static final RedisScript<Long> APPLY_EVENTS = script(Long.class, "holders.lua", "apply-events.lua");
    public static final RedisScript<String> HEARTBEAT = script(String.class, "heartbeat.lua");
    public static final RedisScript<Long> SWEEP_POOL = script(Long.class, "holders.lua", "sweep-pool.lua");

    private RedisScripts() {
    }

    /**
     * The named resources, concatenated: Redis scripts cannot call each other, so the functions several of them need
     * are prepended. Read once: a script made from a resource asks the resource whether it changed on every call,
     * which inside a Spring Boot jar is a nested-jar lookup per Redis call (a tenth of the pool's CPU time in match, by
     * JFR).
     */
    private static <T> RedisScript<T> script(Class<T> type, String... names) {
        StringBuilder source = new StringBuilder();
        for (String name : names) {
            try {
                source.append(new ClassPathResource("redis/" + name).getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Redis script " + name, e);
            }
        }
        return RedisScript.of(source.toString(), type);
    }
}
