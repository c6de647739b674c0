package io.memserve.mempool.service.index;

import io.memserve.mempool.service.model.Block;
import io.memserve.mempool.service.store.IndexListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Mirrors the block store's index into Redis, with a KV event per change, in the order the store made the changes: a
 * block evicted right after it was stored never shows up as cached. Changes queue up and one drainer writes them in
 * batches, one atomic script per batch; {@link #flush()} completes once everything queued before it is in Redis.
 */
public final class KvEventWriter implements IndexListener {

    private static final Logger log = LoggerFactory.getLogger(KvEventWriter.class);
    private static final int BATCH = 512;

    private sealed interface Item permits Change, Barrier {
    }

    private record Change(String type, Block.Publication publication, String layout, String tokens, String reason,
            String tier) implements Item {
    }

    private record Barrier(Sinks.Empty<Void> done) implements Item {
    }

    private final ReactiveStringRedisTemplate redis;
    private final String poolId;
    private final Queue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public KvEventWriter(ReactiveStringRedisTemplate redis, String poolId) {
        this.redis = redis;
        this.poolId = poolId;
    }

    @Override
    public void stored(Block block) {
        enqueue(new Change("stored", block.publication(), block.layout().id(), IntStream.of(block.publication().tokens())
                .mapToObj(Integer::toString).collect(Collectors.joining(",")), "", block.tier().name()));
    }

    @Override
    public void removed(Block block, RemovalReason reason) {
        enqueue(new Change("removed", block.publication(), block.layout().id(), "", reason.wireName(),
                block.tier().name()));
    }

    @Override
    public void moved(Block block) {
        enqueue(new Change("moved", block.publication(), block.layout().id(), "", "", block.tier().name()));
    }

    /** Completes when every change queued before this call is written to Redis. */
    public Mono<Void> flush() {
        Sinks.Empty<Void> done = Sinks.empty();
        enqueue(new Barrier(done));
        return done.asMono();
    }

    private void enqueue(Item item) {
        queue.add(item);
        drain();
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        List<Item> batch = new ArrayList<>();
        Item item;
        while (batch.size() < BATCH && (item = queue.poll()) != null) {
            batch.add(item);
        }
        if (batch.isEmpty()) {
            draining.set(false);
            if (!queue.isEmpty()) {
                drain();
            }
            return;
        }
        write(batch).subscribe(null, e -> log.error("KV index writer stopped", e), () -> {
            batch.forEach(i -> {
                if (i instanceof Barrier b) {
                    b.done().tryEmitEmpty();
                }
            });
            draining.set(false);
            drain();
        });
    }

    private Mono<Void> write(List<Item> batch) {
        List<String> args = new ArrayList<>();
        args.add(poolId);
        args.add(Long.toString(RedisScripts.STREAM_MAX_LENGTH));
        for (Item i : batch) {
            if (i instanceof Change c) {
                Block.Publication p = c.publication();
                args.addAll(List.of(c.type(), p.key().hex(), p.model(), c.layout(), p.parent().hex(), c.tokens(),
                        c.reason(), c.tier()));
            }
        }
        if (args.size() == 2) {
            return Mono.empty();
        }
        return redis.execute(RedisScripts.APPLY_EVENTS, List.of(), args).then()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(50)).maxBackoff(Duration.ofSeconds(2))
                        .doBeforeRetry(s -> log.warn("writing the KV index to Redis failed; retrying: {}",
                                s.failure().toString())));
    }
}
