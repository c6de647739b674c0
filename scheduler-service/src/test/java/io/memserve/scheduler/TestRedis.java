package io.memserve.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/** One real redis-server (shipped by embedded-redis) for the whole test run, on a free port. */
public final class TestRedis {
    private static RedisServer server;
    private static int port;

    private TestRedis() {
    }

    public static synchronized int port() {
        if (server == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                        .setting("appendonly no").build();
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return port;
    }

    public static String url() {
        return "redis://127.0.0.1:" + port();
    }
}
