package io.memserve.mempool.service.config;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.protocol.DataPlaneServer;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.mempool.service.index.ClusterIndex;
import io.memserve.mempool.service.index.KvEventWriter;
import io.memserve.mempool.service.metrics.MemPoolMetrics;
import io.memserve.mempool.service.pool.MemPoolService;
import io.memserve.mempool.service.registry.PoolRegistry;
import io.memserve.mempool.service.store.BlockStore;
import io.memserve.mempool.service.store.DramTier;
import io.memserve.mempool.service.store.HbmTier;
import io.memserve.mempool.service.store.PoolBlockMemory;
import io.memserve.mempool.service.transfer.Peers;
import io.memserve.mempool.service.transfer.TransferService;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires one pool: its tiers and block store, the data-plane server, Redis index and registry, peers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MemPoolProperties.class)
public class MemPoolConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MemPoolConfiguration.class);
    private static final Duration PEER_DEADLINE = Duration.ofSeconds(30);

    @Bean
    KvEventWriter kvEventWriter(ReactiveStringRedisTemplate redis, MemPoolProperties props) {
        return new KvEventWriter(redis, props.poolId());
    }

    @Bean(destroyMethod = "close")
    BlockStore blockStore(MemPoolProperties props, KvEventWriter events) {
        List<BlockStore.TierConfig> tiers = new ArrayList<>();
        tiers.add(new BlockStore.TierConfig(new DramTier(), props.dramCapacity().toBytes()));
        if (props.hbm().enabled()) {
            if (HbmTier.deviceAvailable()) {
                tiers.add(new BlockStore.TierConfig(new HbmTier(props.hbm().device()), props.hbm().capacity().toBytes()));
            } else {
                log.warn("mempool.hbm.enabled is set but no CUDA device is present; running with DRAM only");
            }
        }
        return new BlockStore(tiers, Clock.systemUTC(), props.leaseTtl(), events);
    }

    @Bean
    MemPoolMetrics memPoolMetrics(MeterRegistry registry, BlockStore store) {
        return new MemPoolMetrics(registry, store);
    }

    @Bean
    DataPlaneSettings dataPlaneSettings(MemPoolProperties props) {
        return DataPlaneSettings.defaults(props.clusterSecret().getBytes(StandardCharsets.UTF_8));
    }

    @Bean(destroyMethod = "close")
    DataPlaneServer dataPlaneServer(MemPoolProperties props, DataPlaneSettings settings, BlockStore store,
            MemPoolMetrics metrics) {
        return DataPlaneServer.start(new InetSocketAddress(props.dataPort()), settings,
                new PoolBlockMemory(store, metrics));
    }

    @Bean
    PoolEndpoint selfEndpoint(MemPoolProperties props, DataPlaneServer dataPlane, @Value("${server.port}") int httpPort) {
        if (httpPort == 0) {
            throw new IllegalStateException("a pool advertises its HTTP port in the registry: set server.port"
                    + " (MEMPOOL_HTTP_PORT) to a fixed port");
        }
        return new PoolEndpoint(props.poolId(), props.advertisedHost(), httpPort, dataPlane.port());
    }

    @Bean
    PoolRegistry poolRegistry(ReactiveStringRedisTemplate redis, PoolEndpoint self, MemPoolProperties props) {
        return new PoolRegistry(redis, self, props.heartbeatTtl());
    }

    /** The match lookup's own connection, used through Lettuce directly (see {@link ClusterIndex}). */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<byte[], byte[]> indexConnection(LettuceConnectionFactory redis) {
        return ((RedisClient) redis.getRequiredNativeClient()).connect(ByteArrayCodec.INSTANCE);
    }

    @Bean
    ClusterIndex clusterIndex(StatefulRedisConnection<byte[], byte[]> indexConnection, PoolRegistry registry) {
        return new ClusterIndex(indexConnection, registry);
    }

    @Bean(destroyMethod = "close")
    Peers peers(DataPlaneSettings settings) {
        return new Peers(settings, PEER_DEADLINE);
    }

    @Bean
    TransferService transferService(BlockStore store, PoolRegistry registry, Peers peers, MemPoolMetrics metrics) {
        return new TransferService(store, registry, peers, metrics);
    }

    @Bean
    MemPoolService memPoolService(PoolEndpoint self, BlockStore store, KvEventWriter events, ClusterIndex cluster,
            TransferService transfers, MemPoolMetrics metrics) {
        return new MemPoolService(self, store, events, cluster, transfers, metrics);
    }
}
