package io.memserve.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * One real redis-server process (shipped by embedded-redis) for the whole test JVM, started on first use on a free
 * loopback port, with persistence off, and stopped when the JVM exits. Tests talk to a real Redis, never a mock.
 */
public final class TestRedis {

    private static int port;

    private TestRedis() {
    }

    public static synchronized int port() {
        if (port == 0) {
            int chosen = FreePort.find();
            try {
                RedisServer server = RedisServer.newRedisServer().port(chosen).bind("127.0.0.1")
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
            port = chosen;
        }
        return port;
    }

    public static String url() {
        return "redis://127.0.0.1:" + port();
    }
}
