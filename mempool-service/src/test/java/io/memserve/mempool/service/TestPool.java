package io.memserve.mempool.service;

import io.memserve.mempool.client.MemPoolClient;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.testcluster.FreePort;
import io.memserve.testcluster.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** A whole pool application on loopback (its own HTTP and data ports) against the test Redis, with clients. */
final class TestPool implements AutoCloseable {

    static final String SECRET = "test-cluster-secret-0123456789";
    static final Duration DEADLINE = Duration.ofSeconds(10);

    final String id;
    final String baseUrl;
    final ConfigurableApplicationContext context;
    final MemPoolControlClient control;
    final MemPoolClient client;

    TestPool(String id, String dramCapacity, String... extraProperties) {
        this.id = id;
        int httpPort = FreePort.find();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--spring.data.redis.url=" + TestRedis.url(),
                "--mempool.pool-id=" + id,
                "--mempool.advertised-host=127.0.0.1",
                "--mempool.data-port=0",
                "--mempool.cluster-secret=" + SECRET,
                "--mempool.dram-capacity=" + dramCapacity,
                "--mempool.heartbeat-interval=200ms",
                "--mempool.heartbeat-ttl=1s",
                "--spring.main.banner-mode=off"));
        for (String property : extraProperties) {
            args.add("--" + property);
        }
        this.context = new SpringApplicationBuilder(MemPoolApplication.class).run(args.toArray(String[]::new));
        this.baseUrl = "http://127.0.0.1:" + httpPort;
        this.control = new MemPoolControlClient(baseUrl, DEADLINE);
        this.client = new MemPoolClient(baseUrl, settings(), DEADLINE);
    }

    static DataPlaneSettings settings() {
        return DataPlaneSettings.defaults(SECRET.getBytes(StandardCharsets.UTF_8))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    ReactiveStringRedisTemplate redis() {
        return bean(ReactiveStringRedisTemplate.class);
    }

    @Override
    public void close() {
        client.close();
        control.close();
        context.close();
    }
}
