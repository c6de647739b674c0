package io.memserve.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** The cluster's Redis: a real redis-server started here on a free port, or one that already runs elsewhere. */
final class RedisEndpoint implements AutoCloseable {

    private final String url;
    private final RedisServer embedded;

    private RedisEndpoint(String url, RedisServer embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    static RedisEndpoint external(String url) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis must be a redis:// or rediss:// URL, got " + url);
        }
        return new RedisEndpoint(url, null);
    }

    /** Persistence is off: the cluster's metadata lives as long as the cluster. */
    static RedisEndpoint embedded(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            server.start();
            return new RedisEndpoint("redis://127.0.0.1:" + port, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded redis-server on port " + port, e);
        }
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded redis-server", e);
        }
    }
}
