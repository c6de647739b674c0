package io.memserve.mempool.service.transfer;

import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Connections to other pools, control plane and data plane, kept and reused per endpoint. */
public final class Peers implements AutoCloseable {

    private final DataPlaneSettings dataPlane;
    private final Duration deadline;
    private final Map<String, MemPoolControlClient> controls = new ConcurrentHashMap<>();
    private final Map<String, DataPlaneClient> dataPlanes = new ConcurrentHashMap<>();

    public Peers(DataPlaneSettings dataPlane, Duration deadline) {
        this.dataPlane = dataPlane;
        this.deadline = deadline;
    }

    public MemPoolControlClient control(PoolEndpoint pool) {
        return controls.computeIfAbsent(pool.baseUrl(), url -> new MemPoolControlClient(url, deadline));
    }

    public DataPlaneClient dataPlane(PoolEndpoint pool) {
        return dataPlanes.computeIfAbsent(pool.host() + ":" + pool.dataPort(),
                k -> DataPlaneClient.connect(pool.host(), pool.dataPort(), dataPlane));
    }

    @Override
    public void close() {
        dataPlanes.values().forEach(DataPlaneClient::close);
        controls.values().forEach(MemPoolControlClient::close);
    }
}
