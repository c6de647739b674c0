package io.memserve.scheduler.tree;

import io.memserve.mempool.api.MemPoolRedisKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Follows {@code memserve:kv-events} from its beginning (the stream is trimmed, so the beginning is a bounded replay
 * that rebuilds the trees at start) and applies each event to the pool's prompt tree. It polls rather than blocking
 * in XREAD, because a blocking read would hold the connection the registry refresh shares.
 */
public final class KvEventFollower {
    public static final String STREAM = MemPoolRedisKeys.KV_EVENTS;
    private static final Logger log = LoggerFactory.getLogger(KvEventFollower.class);

    private final ReactiveStringRedisTemplate redis;
    private final PromptTrees trees;
    private final int batch;
    private volatile String lastId = "0";

    public KvEventFollower(ReactiveStringRedisTemplate redis, PromptTrees trees, int batch) {
        this.redis = redis;
        this.trees = trees;
        this.batch = batch;
    }

    /** Reads and applies one batch after the last event applied; emits how many events it read. */
    public Mono<Integer> poll() {
        return redis.<String, String>opsForStream()
                .read(StreamReadOptions.empty().count(batch), StreamOffset.create(STREAM, ReadOffset.from(lastId)))
                .collectList()
                .map(this::applyAll);
    }

    /** Polls every {@code interval}, and at once again while batches come back full (catching up at start). */
    public Disposable start(Duration interval) {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> poll().expand(n -> n == batch ? poll() : Mono.empty())
                        .onErrorResume(e -> {
                            log.warn("reading {} failed; retrying: {}", STREAM, e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    private int applyAll(List<MapRecord<String, String, String>> records) {
        for (MapRecord<String, String, String> record : records) {
            applyOne(record.getId().getValue(), record.getValue());
        }
        return records.size();
    }

    private void applyOne(String id, Map<String, String> fields) {
        try {
            trees.apply(KvEvent.parse(fields));
        } catch (IllegalArgumentException e) {
            log.warn("skipping malformed KV event {}: {}", id, e.getMessage());
        }
        lastId = id;
    }
}
