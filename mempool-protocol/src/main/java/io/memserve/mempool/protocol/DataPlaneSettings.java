package io.memserve.mempool.protocol;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a data-plane server or client behaves. Both ends of a connection use the smaller of their two frame limits.
 *
 * @param clusterSecret            shared by every pool and worker of the cluster; proves membership, never sent
 * @param maxFrameBytes            largest frame, header included, this end sends or accepts
 * @param handshakeTimeout         a connection that has not authenticated by then is closed
 * @param requestTimeout           deadline of every client call, retries included; also how long a server waits
 *                                 for the rest of a frame it has started to receive
 * @param connectionsPerPeer       connections a client keeps to its peer; batches are spread over them
 * @param maxInFlightPerConnection requests a client may have outstanding on one connection (the server
 *                                 advertises its own limit and the smaller one holds)
 * @param ioThreads                event-loop threads; 0 picks one per core (server) or one per connection (client)
 * @param socketBufferBytes        SO_SNDBUF and SO_RCVBUF; 0 leaves them to the kernel
 */
public record DataPlaneSettings(
        byte[] clusterSecret,
        int maxFrameBytes,
        Duration handshakeTimeout,
        Duration requestTimeout,
        int connectionsPerPeer,
        int maxInFlightPerConnection,
        int ioThreads,
        int socketBufferBytes) {

    public static final int MIN_SECRET_BYTES = 16;
    public static final int MIN_FRAME_BYTES = 64 * 1024;
    public static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;

    public DataPlaneSettings {
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (clusterSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("clusterSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (maxFrameBytes < MIN_FRAME_BYTES || maxFrameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be in [" + MIN_FRAME_BYTES + ", " + MAX_FRAME_BYTES + "]: " + maxFrameBytes);
        }
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (connectionsPerPeer < 1 || maxInFlightPerConnection < 1 || ioThreads < 0 || socketBufferBytes < 0) {
            throw new IllegalArgumentException("connectionsPerPeer and maxInFlightPerConnection must be positive, "
                    + "ioThreads and socketBufferBytes not negative");
        }
        clusterSecret = clusterSecret.clone();
    }

    /** 16 MiB frames, 5 s handshake, 30 s calls, 4 connections of 8 requests in flight, 4 MiB socket buffers. */
    public static DataPlaneSettings defaults(byte[] clusterSecret) {
        return new DataPlaneSettings(clusterSecret, 16 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30),
                4, 8, 0, 4 * 1024 * 1024);
    }

    @Override
    public byte[] clusterSecret() {
        return clusterSecret.clone();
    }

    public DataPlaneSettings withMaxFrameBytes(int bytes) {
        return new DataPlaneSettings(clusterSecret, bytes, handshakeTimeout, requestTimeout, connectionsPerPeer,
                maxInFlightPerConnection, ioThreads, socketBufferBytes);
    }

    public DataPlaneSettings withTimeouts(Duration handshake, Duration request) {
        return new DataPlaneSettings(clusterSecret, maxFrameBytes, handshake, request, connectionsPerPeer,
                maxInFlightPerConnection, ioThreads, socketBufferBytes);
    }

    public DataPlaneSettings withConnections(int perPeer, int inFlightPerConnection) {
        return new DataPlaneSettings(clusterSecret, maxFrameBytes, handshakeTimeout, requestTimeout, perPeer,
                inFlightPerConnection, ioThreads, socketBufferBytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataPlaneSettings s
                && Arrays.equals(clusterSecret, s.clusterSecret)
                && maxFrameBytes == s.maxFrameBytes
                && handshakeTimeout.equals(s.handshakeTimeout)
                && requestTimeout.equals(s.requestTimeout)
                && connectionsPerPeer == s.connectionsPerPeer
                && maxInFlightPerConnection == s.maxInFlightPerConnection
                && ioThreads == s.ioThreads
                && socketBufferBytes == s.socketBufferBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(clusterSecret), maxFrameBytes, handshakeTimeout, requestTimeout,
                connectionsPerPeer, maxInFlightPerConnection, ioThreads, socketBufferBytes);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DataPlaneSettings[maxFrameBytes=" + maxFrameBytes + ", handshakeTimeout=" + handshakeTimeout
                + ", requestTimeout=" + requestTimeout + ", connectionsPerPeer=" + connectionsPerPeer
                + ", maxInFlightPerConnection=" + maxInFlightPerConnection + ", ioThreads=" + ioThreads
                + ", socketBufferBytes=" + socketBufferBytes + "]";
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
