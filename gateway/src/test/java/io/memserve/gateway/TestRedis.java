package io.memserve.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** One real redis-server process (shipped by embedded-redis) for the whole test run, on a free port. */
final class TestRedis {

    private static String url;

    private TestRedis() {
    }

    static synchronized String url() {
        if (url == null) {
            int port = FreePort.find();
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
}
