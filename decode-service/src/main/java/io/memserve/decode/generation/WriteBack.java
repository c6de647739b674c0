package io.memserve.decode.generation;

import io.memserve.engine.Sequence;
import io.memserve.kvhandoff.KvPublisher;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.client.MemPoolClient;
import reactor.core.publisher.Mono;

/**
 * PD-Caching-3: a finished sequence's full blocks (prompt and answer) go into this node's pool, and from there to the
 * prefill instance's pool, so the conversation's next turn finds them wherever it is prefilled.
 */
public final class WriteBack {

    private final KvPublisher publisher;
    private final Mono<PoolEndpoint> localPool;

    public WriteBack(KvPublisher publisher, MemPoolClient local) {
        this.publisher = publisher;
        // Asked once; a failure is not remembered, so the next write-back asks again.
        this.localPool = local.control().status().map(status -> status.endpoint()).cacheInvalidateIf(endpoint -> false);
    }

    /** Writes the blocks this pool lacks; the sequence must stay open and unfed until this completes. */
    Mono<Void> toLocalPool(Sequence sequence) {
        return localPool.flatMap(pool -> publisher.publish(pool, sequence)).then();
    }

    /**
     * Has this pool push what {@code poolId} lacks of the full blocks of {@code tokens}; nothing to do when the prefill
     * instance shares this node's pool.
     */
    Mono<Void> toPool(String poolId, int[] tokens) {
        return localPool.filter(pool -> !pool.id().equals(poolId))
                .flatMap(pool -> publisher.handOff(pool, poolId, tokens)).then();
    }
}
