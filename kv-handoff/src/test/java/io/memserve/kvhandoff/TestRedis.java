package io.memserve.kvhandoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import redis.embedded.RedisServer;

/** One real redis-server (shipped by embedded-redis) for the whole test run, on a free port. */
public final class TestRedis {

    private static RedisServer server;
    private static int port;
    private static ReactiveStringRedisTemplate template;

    private TestRedis() {
    }

    public static synchronized String url() {
        if (server == null) {
            port = freePort();
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
        return "redis://127.0.0.1:" + port;
    }

    public static synchronized ReactiveStringRedisTemplate template() {
        if (template == null) {
            url();
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration("127.0.0.1", port));
            factory.afterPropertiesSet();
            factory.start();
            template = new ReactiveStringRedisTemplate(factory);
        }
        return template;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
