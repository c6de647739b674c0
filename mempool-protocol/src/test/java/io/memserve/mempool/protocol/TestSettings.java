package io.memserve.mempool.protocol;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The cluster secret and loopback settings the tests share. */
final class TestSettings {

    static final byte[] SECRET = "test-cluster-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private TestSettings() {
    }

    static DataPlaneSettings defaults() {
        return DataPlaneSettings.defaults(SECRET);
    }

    /** Short handshake and frame timeouts, so a misbehaving raw peer is cut off quickly. */
    static DataPlaneSettings impatient() {
        return defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }
}
