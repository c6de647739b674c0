package io.memserve.devcluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.memserve.serving.api.InstanceRegistryKeys;
import java.util.List;

/**
 * Reads the instance registry the scheduler routes from (docs/serving-internals.md): an instance counts as registered
 * while its alive key exists, exactly as the scheduler decides.
 */
final class InstanceRegistryProbe implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    InstanceRegistryProbe(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect();
    }

    boolean allAlive(List<String> instanceIds) {
        String[] keys = instanceIds.stream().map(InstanceRegistryKeys::alive).toArray(String[]::new);
        return connection.sync().exists(keys) == keys.length;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
