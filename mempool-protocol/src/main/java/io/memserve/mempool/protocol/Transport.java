package io.memserve.mempool.protocol;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where the platform has it, NIO elsewhere, and the socket options of a bulk-transfer connection. */
final class Transport {

    private Transport() {
    }

    static boolean nativeEpoll() {
        return Epoll.isAvailable();
    }

    static EventLoopGroup eventLoops(int threads, String name) {
        IoHandlerFactory io = nativeEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
    }

    static ServerBootstrap server(EventLoopGroup group, DataPlaneSettings settings) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(nativeEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A peer that shuts down its output mid-frame still gets the TRUNCATED error back.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.ALLOCATOR, receiveMemory())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(settings));
        if (settings.socketBufferBytes() > 0) {
            // Set on the listening socket so accepted sockets inherit it before the TCP window is agreed.
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.socketBufferBytes())
                    .childOption(ChannelOption.SO_SNDBUF, settings.socketBufferBytes());
        }
        return bootstrap;
    }

    static Bootstrap client(EventLoopGroup group, DataPlaneSettings settings) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(nativeEpoll() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.handshakeTimeout().toMillis())
                .option(ChannelOption.ALLOCATOR, receiveMemory())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(settings));
        socketBuffers(bootstrap, settings);
        return bootstrap;
    }

    private static void socketBuffers(AbstractBootstrap<?, ?> bootstrap, DataPlaneSettings settings) {
        if (settings.socketBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.socketBufferBytes())
                    .option(ChannelOption.SO_SNDBUF, settings.socketBufferBytes());
        }
    }

    /**
     * Netty's default allocator does not pool reads of up to 2 MiB ({@link ReceiveBuffers}): each one was a fresh
     * malloc, page-faulted in and unmapped again (four times the page faults per byte moved, measured with perf). The
     * pooled allocator keeps such buffers in its 4 MiB chunks, so received bytes land in memory that is mapped and
     * warm.
     */
    private static ByteBufAllocator receiveMemory() {
        return PooledByteBufAllocator.DEFAULT;
    }

    private static WriteBufferWaterMark waterMark(DataPlaneSettings settings) {
        return new WriteBufferWaterMark(settings.maxFrameBytes(), 2 * settings.maxFrameBytes());
    }
}
