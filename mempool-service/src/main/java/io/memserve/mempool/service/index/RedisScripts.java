package io.memserve.mempool.service.index;

import io.memserve.mempool.api.MemPoolRedisKeys;
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

    /**
     * Every script starts with the names of MemPool's keys, taken from {@link MemPoolRedisKeys}, so the scripts and
     * the Java code that reads what they write cannot disagree on a name. Declared before the scripts, which
     * are made from it as the class initialises.
     */
    private static final String KEY_NAMES = String.join("\n",
            "local POOLS = " + lua(MemPoolRedisKeys.POOLS),
            "local KV_EVENTS = " + lua(MemPoolRedisKeys.KV_EVENTS),
            "local function holdersKey(key) return " + lua(MemPoolRedisKeys.HOLDERS_PREFIX) + " .. key end",
            "local function poolKey(id) return " + lua(MemPoolRedisKeys.POOL_PREFIX) + " .. id end",
            "local function poolAliveKey(id) return poolKey(id) .. " + lua(MemPoolRedisKeys.ALIVE_SUFFIX) + " end",
            "local function poolKeysKey(id) return poolKey(id) .. " + lua(MemPoolRedisKeys.KEYS_SUFFIX) + " end",
            "");

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
        StringBuilder source = new StringBuilder(KEY_NAMES);
        for (String name : names) {
            try {
                source.append(new ClassPathResource("redis/" + name).getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Redis script " + name, e);
            }
        }
        return RedisScript.of(source.toString(), type);
    }

    /** A Lua string literal of a key name; names hold no quote or backslash, and one that did would be a bug here. */
    private static String lua(String name) {
        if (name.contains("'") || name.contains("\\")) {
            throw new IllegalArgumentException("a Redis key name with a quote or backslash: " + name);
        }
        return "'" + name + "'";
    }
}
