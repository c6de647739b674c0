package io.memserve.mempool.protocol;

import java.net.InetSocketAddress;

/** The data-plane server of a pool: serves PUT and GET of blocks to authenticated peers. */
public final class DataPlaneServer implements AutoCloseable {

    public static DataPlaneServer start(InetSocketAddress bind, DataPlaneSettings settings, BlockMemory memory) {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }

    public int port() {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("signature only; implementation follows");
    }
}
