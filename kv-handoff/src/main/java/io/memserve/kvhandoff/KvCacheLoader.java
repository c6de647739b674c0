package io.memserve.kvhandoff;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.engine.kv.KvPagePool;
import io.memserve.engine.kv.KvPoolFullException;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.MatchedRun;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TransferWithInsertRequest;
import io.memserve.mempool.client.MemPoolClient;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts a sequence from what MemPool already holds of its prompt: matches the prompt in the node's pool, has the
 * pools that hold later blocks push them into the node's pool, reads the matched blocks straight into fresh engine
 * pages and attaches them as the sequence's prefix. The last prompt token is never loaded, so there are always logits
 * to sample from. A failing pool costs only speed: the prompt is then computed instead.
 */
public final class KvCacheLoader {

    private static final Logger log = LoggerFactory.getLogger(KvCacheLoader.class);
    private static final int T = BlockLayout.TOKENS_PER_BLOCK;

    private final EngineLoop loop;
    private final Engine engine;
    private final MemPoolClient local;
    private final PoolConnections pools;
    private final Mono<String> localPoolId;

    public KvCacheLoader(EngineLoop loop, MemPoolClient local, PoolConnections pools) {
        this.loop = loop;
        this.engine = loop.engine();
        this.local = local;
        this.pools = pools;
        this.localPoolId = local.control().status().map(status -> status.endpoint().id())
                .cache(id -> Duration.ofDays(3650), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Loads the longest cached prefix of {@code prompt} into {@code sequence}, which must be empty and not yet fed,
     * and returns how many tokens it holds now (whole blocks, at most {@code prompt.length - 1}).
     */
    public Mono<Integer> load(Sequence sequence, int[] prompt) {
        int blocks = (prompt.length - 1) / T;
        if (blocks == 0) {
            return Mono.just(0);
        }
        int[] probe = Arrays.copyOf(prompt, blocks * T);
        return pullIntoLocalPool(probe)
                .then(Mono.defer(() -> loadDetached(sequence, probe)))
                .onErrorResume(e -> {
                    log.warn("loading a cached prefix failed, computing the prompt instead: {}", e.toString());
                    return Mono.just(0);
                });
    }

    /**
     * Each run of the prefix that another pool holds is pushed into this node's pool by its holder: one block copy
     * between pools is far cheaper than the forward pass that would recompute its 16 tokens, and the node keeps the
     * blocks for the conversation's next turn. A run that cannot be pulled is read from its holder by the load.
     */
    private Mono<Void> pullIntoLocalPool(int[] probe) {
        return localPoolId.flatMap(localId -> local.control()
                .match(new MatchRequest(engine.modelId(), engine.kvLayout().id(), probe, null, null, false, 0))
                .flatMap(match -> Leases.release(local.control(), match.leaseId())
                        .then(Flux.fromIterable(remoteRuns(match, localId))
                                .concatMap(run -> pull(run, localId, probe))
                                .takeWhile(Boolean::booleanValue)
                                .then())));
    }

    private Mono<Boolean> pull(RemoteRun run, String localId, int[] probe) {
        TransferWithInsertRequest request = new TransferWithInsertRequest(localId, engine.modelId(),
                engine.kvLayout().id(), Arrays.copyOf(probe, run.endBlock() * T));
        return pools.control(run.holder()).transferWithInsert(request).thenReturn(true)
                .onErrorResume(e -> {
                    log.debug("pool {} could not push blocks to {}: {}", run.holder().id(), localId, e.toString());
                    return Mono.just(false);
                });
    }

    private static List<RemoteRun> remoteRuns(MatchResponse match, String localId) {
        List<RemoteRun> runs = new ArrayList<>();
        List<MatchedRun> matched = match.runs();
        for (int i = 0; i < matched.size(); i++) {
            MatchedRun run = matched.get(i);
            boolean holderChanges = i + 1 == matched.size() || !matched.get(i + 1).pool().equals(run.pool());
            if (!run.pool().equals(localId) && holderChanges) {
                runs.add(new RemoteRun(match.pools().get(run.pool()), run.endBlock()));
            }
        }
        return runs;
    }

    /**
     * The data plane fills engine pages asynchronously, so a load, once started, runs to its end even if the caller
     * cancels: its pages go back to the engine only when no write into them can still arrive.
     */
    private Mono<Integer> loadDetached(Sequence sequence, int[] probe) {
        int[] pages = allocatePages(probe.length / T);
        if (pages.length == 0) {
            return Mono.just(0);
        }
        KvPagePool pagePool = engine.pages();
        List<MemorySegment> segments = Arrays.stream(pages).mapToObj(pagePool::segment).toList();
        Mono<Integer> work = local.load(engine.modelId(), engine.kvLayout(), Arrays.copyOf(probe, pages.length * T),
                        segments)
                .flatMap(loaded -> loaded == 0 ? Mono.just(0) : loop.call(() -> {
                    sequence.attachPrefix(Arrays.copyOf(pages, loaded / T), Arrays.copyOf(probe, loaded));
                    return loaded;
                }))
                .doFinally(signal -> Arrays.stream(pages).forEach(pagePool::release));
        return Mono.create(sink -> work.subscribe(sink::success, sink::error));
    }

    private int[] allocatePages(int wanted) {
        int[] pages = new int[wanted];
        int taken = 0;
        try {
            while (taken < wanted) {
                pages[taken] = engine.pages().allocate();
                taken++;
            }
        } catch (KvPoolFullException e) {
            log.debug("only {} of {} KV pages free for a cached prefix", taken, wanted);
        }
        return Arrays.copyOf(pages, taken);
    }

    private record RemoteRun(PoolEndpoint holder, int endBlock) {
    }
}
