package io.memserve.mempool.api;

/** Where a pool listens: its REST control plane and its TCP data plane. */
public record PoolEndpoint(String id, String host, int httpPort, int dataPort) {

    public String baseUrl() {
        return "http://" + host + ":" + httpPort;
    }
}
