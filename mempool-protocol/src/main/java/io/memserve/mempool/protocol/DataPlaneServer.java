package io.memserve.mempool.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The data-plane server of a pool: serves PUT and GET of blocks to authenticated peers. */
public final class DataPlaneServer implements AutoCloseable {

    private static final long CLOSE_WAIT_SECONDS = 5;

    private final EventLoopGroup eventLoops;
    private final Channel listener;

    private DataPlaneServer(EventLoopGroup eventLoops, Channel listener) {
        this.eventLoops = eventLoops;
        this.listener = listener;
    }

    /**
     * Listens on {@code bind} (port 0 picks a free one) and serves {@code memory} until closed.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static DataPlaneServer start(InetSocketAddress bind, DataPlaneSettings settings, BlockMemory memory) {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(memory, "memory");
        int threads = settings.ioThreads() > 0 ? settings.ioThreads() : Runtime.getRuntime().availableProcessors();
        EventLoopGroup eventLoops = Transport.eventLoops(threads, "mempool-data-plane-server");
        Handshake handshake = new Handshake(settings.clusterSecret());
        BlockRequests requests = new BlockRequests(memory);
        ChannelFuture bound = Transport.server(eventLoops, settings)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ServerSession session = new ServerSession(settings, handshake, requests);
                        FrameDecoder decoder = new FrameDecoder(session, settings.requestTimeout());
                        channel.config().setRecvByteBufAllocator(new ReceiveBuffers(decoder));
                        session.decoder(decoder);
                        channel.pipeline().addLast(decoder, session);
                    }
                })
                .bind(bind)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            String message = "cannot listen for the data plane on " + bind + ": " + cause.getMessage();
            throw cause instanceof IOException io
                    ? new UncheckedIOException(message, io)
                    : new IllegalStateException(message, cause);
        }
        return new DataPlaneServer(eventLoops, bound.channel());
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops listening and closes every connection; requests being served fail on their clients. Returns within
     * seconds even if the block memory holds an event loop.
     */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
