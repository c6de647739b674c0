package io.memserve.prefill.work;

import io.memserve.engine.Sequence;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvhandoff.KvPublisher;
import io.memserve.kvhandoff.PoolDirectory;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.client.MemPoolClient;
import java.time.Duration;
import java.util.Arrays;
import reactor.core.publisher.Mono;

/**
 * Moves a prefilled prompt's full blocks into the decode instance's pool. With caching the node's own pool keeps
 * them and pushes only what the decode pool lacks (PD-Caching-1/2); without it the blocks go straight to the decode
 * pool and nothing stays here (PD-Basic). Returns the number of blocks that moved.
 */
public final class Handoff {

    private final KvPublisher publisher;
    private final Mono<PoolEndpoint> localPool;
    private final PoolDirectory directory;

    public Handoff(KvPublisher publisher, MemPoolClient local, PoolDirectory directory) {
        this.publisher = publisher;
        this.localPool = local.control().status().map(status -> status.endpoint())
                .cache(endpoint -> Duration.ofDays(3650), error -> Duration.ZERO, () -> Duration.ZERO);
        this.directory = directory;
    }

    public Mono<Integer> toDecodePool(Sequence prefilled, String decodePool, boolean cache) {
        int fullBlocks = prefilled.fullPages();
        if (fullBlocks == 0) {
            return Mono.just(0);
        }
        if (!cache) {
            return directory.endpoint(decodePool).flatMap(target -> publisher.publish(target, prefilled));
        }
        int[] tokens = Arrays.copyOf(prefilled.tokens(), fullBlocks * BlockLayout.TOKENS_PER_BLOCK);
        return localPool.flatMap(local -> publisher.publish(local, prefilled)
                .then(local.id().equals(decodePool) ? Mono.just(0)
                        : publisher.handOff(local, decodePool, tokens).map(TransferResponse::sentBlocks)));
    }
}
