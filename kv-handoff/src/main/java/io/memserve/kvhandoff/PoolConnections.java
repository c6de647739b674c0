package io.memserve.kvhandoff;

import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Control-plane and data-plane clients of the pools this worker talks to, one of each per pool, opened on first use. */
public final class PoolConnections implements AutoCloseable {

    private final DataPlaneSettings dataPlane;
    private final Duration deadline;
    private final Map<String, MemPoolControlClient> controls = new ConcurrentHashMap<>();
    private final Map<String, DataPlaneClient> dataPlanes = new ConcurrentHashMap<>();

    public PoolConnections(DataPlaneSettings dataPlane, Duration deadline) {
        this.dataPlane = dataPlane;
        this.deadline = deadline;
    }

    public MemPoolControlClient control(PoolEndpoint pool) {
        return controls.computeIfAbsent(pool.baseUrl(), url -> new MemPoolControlClient(url, deadline));
    }

    public DataPlaneClient dataPlane(PoolEndpoint pool) {
        return dataPlanes.computeIfAbsent(pool.host() + ":" + pool.dataPort(),
                address -> DataPlaneClient.connect(pool.host(), pool.dataPort(), dataPlane));
    }

    @Override
    public void close() {
        dataPlanes.values().forEach(DataPlaneClient::close);
        controls.values().forEach(MemPoolControlClient::close);
    }
}
