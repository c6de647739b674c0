package io.memserve.mempool.protocol;

import io.netty.channel.EventLoopGroup;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * A thread-safe, non-blocking client of one peer's data plane, over a small pool of connections.
 *
 * <p>A call's blocks are cut into frames that fit the agreed frame limit and spread over the connections; the call
 * completes when every frame has been answered. Each call has a deadline of {@code requestTimeout}, retries
 * included. A frame whose connection was lost is sent once more on another connection: GET reads, and PUT writes the
 * same bytes to the same addresses, which the caller still holds allocated, so sending either twice leaves the same
 * result (docs/mempool-protocol.md, "Retries").
 *
 * <p>The caller's segments must stay valid until the returned {@code Mono} terminates: a PUT sends them without
 * copying, a GET fills them from the event loop.
 */
public final class DataPlaneClient implements AutoCloseable {

    private final EventLoopGroup eventLoops;
    private final PeerConnections connections;
    private final Duration requestTimeout;

    private DataPlaneClient(EventLoopGroup eventLoops, PeerConnections connections, Duration requestTimeout) {
        this.eventLoops = eventLoops;
        this.connections = connections;
        this.requestTimeout = requestTimeout;
    }

    /** A client of the data plane at {@code host:port}; connections open on first use. */
    public static DataPlaneClient connect(String host, int port, DataPlaneSettings settings) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        int threads = settings.ioThreads() > 0 ? settings.ioThreads()
                : Math.min(settings.connectionsPerPeer(), Runtime.getRuntime().availableProcessors());
        EventLoopGroup eventLoops = Transport.eventLoops(threads, "mempool-data-plane-client");
        PeerConnections connections = new PeerConnections(Transport.client(eventLoops, settings), settings, host, port);
        return new DataPlaneClient(eventLoops, connections, settings.requestTimeout());
    }

    /**
     * Writes each block's bytes into the peer's block at the same index of {@code addresses}. Each segment's size must
     * equal the peer's block size, or the peer refuses that frame with BLOCK_SIZE_MISMATCH.
     */
    public Mono<Void> put(long[] addresses, List<MemorySegment> blocks) {
        return call(Opcode.PUT, addresses, blocks);
    }

    /** Reads the peer's blocks into {@code into}, each segment the size of the peer's block. */
    public Mono<Void> get(long[] addresses, List<MemorySegment> into) {
        return call(Opcode.GET, addresses, into);
    }

    private Mono<Void> call(Opcode opcode, long[] addresses, List<MemorySegment> segments) {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(segments, "segments");
        if (addresses.length != segments.size()) {
            return Mono.error(new IllegalArgumentException(
                    addresses.length + " addresses but " + segments.size() + " segments"));
        }
        for (MemorySegment segment : segments) {
            long size = Objects.requireNonNull(segment, "segment").byteSize();
            if (size == 0 || size > Integer.MAX_VALUE) {
                return Mono.error(new IllegalArgumentException("segment size out of range: " + size));
            }
            if (opcode == Opcode.GET && segment.isReadOnly()) {
                return Mono.error(new IllegalArgumentException("cannot read blocks into a read-only segment"));
            }
        }
        if (addresses.length == 0) {
            return Mono.empty();
        }
        long[] ownAddresses = addresses.clone();
        List<MemorySegment> ownSegments = List.copyOf(segments);
        return Mono.defer(() -> {
            long deadline = System.nanoTime() + requestTimeout.toNanos();
            return connection(deadline)
                    .flatMap(first -> Mono.whenDelayError(BatchSplitter.split(opcode, ownAddresses, ownSegments,
                                    first.frameLimit()).stream()
                            .map(batch -> send(batch, deadline))
                            .toList()))
                    .onErrorMap(Exceptions::isMultiple, DataPlaneClient::firstOf);
        });
    }

    private Mono<Void> send(BlockBatch batch, long deadline) {
        return attempt(batch, deadline).onErrorResume(
                e -> e instanceof DataPlaneException d && d.connectionFailure() && System.nanoTime() < deadline,
                e -> attempt(batch, deadline));
    }

    private Mono<Void> attempt(BlockBatch batch, long deadline) {
        return connection(deadline).flatMap(connection -> connection.call(batch, deadline));
    }

    private Mono<ClientConnection> connection(long deadline) {
        // Each caller waits on its own copy of the shared connection future, so giving up on it leaves the
        // connection attempt running for the next caller.
        return Mono.fromFuture(() -> connections.acquire().copy()
                        .orTimeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                .onErrorMap(TimeoutException.class, e -> new DataPlaneException(ErrorCode.TIMEOUT,
                        "no connection to " + connections.peer() + " within " + requestTimeout, e));
    }

    private static Throwable firstOf(Throwable multiple) {
        List<Throwable> all = Exceptions.unwrapMultiple(multiple);
        Throwable first = all.getFirst();
        all.stream().skip(1).filter(other -> other != first).forEach(first::addSuppressed);
        return first;
    }

    /** Closes every connection; calls still in flight fail with CLIENT_CLOSED. */
    @Override
    public void close() {
        connections.close();
        eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
