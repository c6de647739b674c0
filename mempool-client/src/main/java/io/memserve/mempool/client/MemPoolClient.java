package io.memserve.mempool.client;

import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.MatchedRun;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.protocol.DataPlaneClient;
import io.memserve.mempool.protocol.DataPlaneSettings;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * What prefill and decode use: the control plane of their node's pool plus the data plane of every pool a prefix
 * lives in. {@link #load} pulls a cached prefix straight into the caller's segments; {@link #store} writes and
 * publishes blocks. Leases taken on the caller's behalf are released when a call ends, however it ends. Segments
 * passed in are read and written on the data plane's threads: allocate them from a shared or global arena.
 */
public final class MemPoolClient implements AutoCloseable {

    private final MemPoolControlClient local;
    private final DataPlaneSettings dataPlane;
    private final Duration deadline;
    private final Map<String, MemPoolControlClient> controls = new ConcurrentHashMap<>();
    private final Map<String, DataPlaneClient> dataPlanes = new ConcurrentHashMap<>();

    public MemPoolClient(String localBaseUrl, DataPlaneSettings dataPlane, Duration deadline) {
        this.local = new MemPoolControlClient(localBaseUrl, deadline);
        this.dataPlane = dataPlane;
        this.deadline = deadline;
    }

    public MemPoolControlClient control() {
        return local;
    }

    /**
     * Loads the longest cached prefix of {@code tokens} into {@code into} (one segment per block, in order, each of the
     * layout's block size) from whichever pools hold it, and returns the number of tokens loaded (16 × blocks).
     */
    public Mono<Integer> load(String model, BlockLayout layout, int[] tokens, List<MemorySegment> into) {
        return local.match(new MatchRequest(model, layout.id(), tokens, null, null, false, 0))
                .flatMap(match -> loadRuns(model, layout, tokens, match, into)
                        .flatMap(loaded -> release(local, match.leaseId()).thenReturn(loaded))
                        .onErrorResume(e -> release(local, match.leaseId()).then(Mono.error(e))));
    }

    private Mono<Integer> loadRuns(String model, BlockLayout layout, int[] tokens, MatchResponse match,
            List<MemorySegment> into) {
        int blocks = match.matchedTokens() / BlockLayout.TOKENS_PER_BLOCK;
        if (blocks > into.size()) {
            return Mono.error(new IllegalArgumentException(blocks + " blocks matched, " + into.size()
                    + " segments given"));
        }
        Mono<Integer> loaded = Mono.just(0);
        for (MatchedRun run : match.runs()) {
            PoolEndpoint endpoint = match.pools().get(run.pool());
            loaded = loaded.flatMap(done -> done < run.firstBlock() ? Mono.just(done)
                    : fetchRun(model, layout, tokens, run, endpoint, into));
        }
        return loaded.map(blocksLoaded -> blocksLoaded * BlockLayout.TOKENS_PER_BLOCK);
    }

    /** Fetches the blocks of {@code run} from its pool; returns how many blocks of the prefix are loaded. */
    private Mono<Integer> fetchRun(String model, BlockLayout layout, int[] tokens, MatchedRun run, PoolEndpoint pool,
            List<MemorySegment> into) {
        int from = run.firstBlock();
        int to = run.endBlock();
        if (run.addresses() != null) {
            return get(pool, run.addresses(), into.subList(from, to)).thenReturn(to);
        }
        MemPoolControlClient remote = controlOf(pool);
        int[] prefix = Arrays.copyOf(tokens, to * BlockLayout.TOKENS_PER_BLOCK);
        return remote.match(new MatchRequest(model, layout.id(), prefix, null, null, true, from))
                .flatMap(remoteMatch -> {
                    long[] held = remoteMatch.localAddresses();
                    Mono<Integer> fetched = held.length == 0 ? Mono.just(from)
                            : get(pool, held, into.subList(from, from + held.length)).thenReturn(from + held.length);
                    return fetched.flatMap(n -> release(remote, remoteMatch.leaseId()).thenReturn(n))
                            .onErrorResume(e -> release(remote, remoteMatch.leaseId()).then(Mono.error(e)));
                });
    }

    /**
     * Writes {@code blocks} (one per full block of {@code tokens}) into the local pool and publishes them under the
     * keys of {@code tokens}.
     */
    public Mono<InsertResponse> store(String model, BlockLayout layout, int[] tokens, List<MemorySegment> blocks) {
        return local.alloc(new AllocRequest(layout.id(), blocks.size(), TierName.DRAM, null, null))
                .flatMap(alloc -> localDataPlane()
                        .flatMap(dp -> dp.put(toArray(alloc.addresses()), blocks))
                        .then(local.insert(new InsertRequest(model, layout.id(), tokens, alloc.addresses())))
                        .flatMap(inserted -> release(local, alloc.leaseId()).thenReturn(inserted))
                        .onErrorResume(e -> release(local, alloc.leaseId()).then(Mono.error(e))));
    }

    private Mono<DataPlaneClient> localDataPlane() {
        return local.status().map(status -> dataPlaneOf(status.endpoint()));
    }

    private Mono<Void> get(PoolEndpoint pool, long[] addresses, List<MemorySegment> into) {
        return dataPlaneOf(pool).get(addresses, into);
    }

    private MemPoolControlClient controlOf(PoolEndpoint pool) {
        return controls.computeIfAbsent(pool.baseUrl(), url -> new MemPoolControlClient(url, deadline));
    }

    private DataPlaneClient dataPlaneOf(PoolEndpoint pool) {
        return dataPlanes.computeIfAbsent(pool.host() + ":" + pool.dataPort(),
                k -> DataPlaneClient.connect(pool.host(), pool.dataPort(), dataPlane));
    }

    /** Releases a lease; one that already expired needs nothing more. */
    private static Mono<Void> release(MemPoolControlClient pool, String leaseId) {
        return leaseId == null ? Mono.empty() : pool.releaseLease(leaseId).then()
                .onErrorResume(MemPoolApiException.class, e -> e.status() == 404 ? Mono.empty() : Mono.error(e));
    }

    private static long[] toArray(List<Long> addresses) {
        return addresses.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        dataPlanes.values().forEach(DataPlaneClient::close);
        controls.values().forEach(MemPoolControlClient::close);
        local.close();
    }
}
