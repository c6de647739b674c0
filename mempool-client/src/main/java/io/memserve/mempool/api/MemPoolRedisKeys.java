package io.memserve.mempool.api;

/**
 * The names of MemPool's keys in Redis (docs/mempool-redis.md), for every reader and writer of them: the pools, their
 * Lua scripts (which get these names through a prelude, never spelled out), the workers that look a pool up and the
 * scheduler that follows the KV events.
 */
public final class MemPoolRedisKeys {

    /** Set of the ids of registered pools. */
    public static final String POOLS = "memserve:pools";
    /** Stream of KV events: a block stored in or removed from a pool. */
    public static final String KV_EVENTS = "memserve:kv-events";
    /** Followed by a block key's hex: the pools that publish the block, as {@code "pool=TIER,pool=TIER"}. */
    public static final String HOLDERS_PREFIX = "memserve:holders:";
    /** Followed by a pool id: the pool's registry hash (address, capacity, use). */
    public static final String POOL_PREFIX = "memserve:pool:";
    /** After a pool's registry key: its liveness key, which expires when its heartbeats stop. */
    public static final String ALIVE_SUFFIX = ":alive";
    /** After a pool's registry key: the set of block keys it publishes. */
    public static final String KEYS_SUFFIX = ":keys";

    private MemPoolRedisKeys() {
    }

    public static String pool(String poolId) {
        return POOL_PREFIX + poolId;
    }

    public static String poolAlive(String poolId) {
        return pool(poolId) + ALIVE_SUFFIX;
    }

    public static String poolKeys(String poolId) {
        return pool(poolId) + KEYS_SUFFIX;
    }
}
