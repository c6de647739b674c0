package io.memserve.mempool.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed number of connection slots to one peer, used in turn. A slot connects on first use and again after its
 * connection was lost or failed to open, so a peer that comes back is reached by the next call.
 */
final class PeerConnections {

    private final Bootstrap bootstrap;
    private final DataPlaneSettings settings;
    private final Handshake handshake;
    private final String host;
    private final int port;
    private final String peer;
    private final AtomicReferenceArray<CompletableFuture<ClientConnection>> slots;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean closed;

    PeerConnections(Bootstrap bootstrap, DataPlaneSettings settings, String host, int port) {
        this.bootstrap = bootstrap;
        this.settings = settings;
        this.handshake = new Handshake(settings.clusterSecret());
        this.host = host;
        this.port = port;
        this.peer = "data plane " + host + ":" + port;
        this.slots = new AtomicReferenceArray<>(settings.connectionsPerPeer());
    }

    String peer() {
        return peer;
    }

    /** The next slot's connection, once it is authenticated. */
    CompletableFuture<ClientConnection> acquire() {
        if (closed) {
            return CompletableFuture.failedFuture(new DataPlaneException(ErrorCode.CLIENT_CLOSED, peer + ": client is closed"));
        }
        int slot = Math.floorMod(turn.getAndIncrement(), slots.length());
        while (true) {
            CompletableFuture<ClientConnection> current = slots.get(slot);
            if (current != null && usable(current)) {
                return current;
            }
            CompletableFuture<ClientConnection> fresh = new CompletableFuture<>();
            if (slots.compareAndSet(slot, current, fresh)) {
                open(fresh);
                return fresh;
            }
        }
    }

    private static boolean usable(CompletableFuture<ClientConnection> connection) {
        return !connection.isDone() || (!connection.isCompletedExceptionally() && connection.join().isOpen());
    }

    private void open(CompletableFuture<ClientConnection> result) {
        ClientConnection connection = new ClientConnection(settings, handshake, peer);
        connection.ready().whenComplete((ready, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(ready);
            }
        });
        bootstrap.clone()
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        FrameDecoder decoder = new FrameDecoder(connection, settings.requestTimeout());
                        channel.config().setRecvByteBufAllocator(new ReceiveBuffers(decoder));
                        connection.decoder(decoder);
                        channel.pipeline().addLast(decoder, connection);
                    }
                })
                .connect(host, port)
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        result.completeExceptionally(new DataPlaneException(ErrorCode.CONNECTION_FAILED,
                                "cannot connect to " + peer + ": " + connected.cause().getMessage(), connected.cause()));
                    }
                });
    }

    void close() {
        closed = true;
        DataPlaneException cause = new DataPlaneException(ErrorCode.CLIENT_CLOSED, peer + ": client is closed");
        for (int i = 0; i < slots.length(); i++) {
            CompletableFuture<ClientConnection> connection = slots.get(i);
            if (connection != null) {
                connection.thenAccept(c -> c.close(cause));
            }
        }
    }
}
