package io.memserve.mempool.service.registry;

import io.memserve.mempool.api.MemPoolRedisKeys;
import io.memserve.mempool.api.PoolEndpoint;

/**
 * A pool's liveness key, {@code memserve:pool:<id>:alive}: it exists while the pool heartbeats and holds the pool's
 * endpoint as {@code "<host> <http port> <data port>"}, so that one read says both whether a pool is live and where it
 * listens (a match reads those of every known pool in the same MGET as the block keys).
 */
public final class LivenessKey {

    private LivenessKey() {
    }

    public static String of(String poolId) {
        return MemPoolRedisKeys.poolAlive(poolId);
    }

    static String value(PoolEndpoint endpoint) {
        return endpoint.host() + " " + endpoint.httpPort() + " " + endpoint.dataPort();
    }

    /** The endpoint a liveness key holds. */
    public static PoolEndpoint endpoint(String poolId, String value) {
        String[] parts = value.split(" ");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException("not three fields");
            }
            return new PoolEndpoint(poolId, parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("pool " + poolId + " has a malformed liveness key: " + value, e);
        }
    }
}
