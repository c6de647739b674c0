package io.memserve.kvhandoff;

import io.memserve.testcluster.TestRedis;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** A reactive template on the test Redis, shared by the tests that read or write Redis keys directly. */
final class TestRedisTemplate {

    private static ReactiveStringRedisTemplate template;

    private TestRedisTemplate() {
    }

    static synchronized ReactiveStringRedisTemplate get() {
        if (template == null) {
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration("127.0.0.1", TestRedis.port()));
            factory.afterPropertiesSet();
            factory.start();
            template = new ReactiveStringRedisTemplate(factory);
        }
        return template;
    }
}
