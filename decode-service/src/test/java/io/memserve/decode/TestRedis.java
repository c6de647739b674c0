package io.memserve.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real redis-server process (shipped by embedded-redis) on a free loopback port, stopped when the JVM exits. */
final class TestRedis {

    private static String url;

    private TestRedis() {
    }

    static synchronized String url() {
        if (url == null) {
            int port = freePort();
            try {
                RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = "redis://127.0.0.1:" + port;
        }
        return url;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
