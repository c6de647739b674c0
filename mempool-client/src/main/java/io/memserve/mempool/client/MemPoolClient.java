package io.memserve.mempool.client;

import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.MatchedBlock;
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
        List<MatchedBlock> blocks = match.blocks();
        if (blocks.size() > into.size()) {
            return Mono.error(new IllegalArgumentException(blocks.size() + " blocks matched, " + into.size()
                    + " segments given"));
        }
        Mono<Integer> loaded = Mono.just(0);
        int start = 0;
        while (start < blocks.size()) {
            int from = start;
            String pool = blocks.get(from).pool();
            int end = from;
            while (end < blocks.size() && blocks.get(end).pool().equals(pool)) {
                end++;
            }
            int to = end;
            PoolEndpoint endpoint = match.pools().get(pool);
            loaded = loaded.flatMap(done -> done < from ? Mono.just(done)
                    : fetchRun(model, layout, tokens, match, endpoint, from, to, into));
            start = to;
        }
        return loaded.map(blocksLoaded -> blocksLoaded * BlockLayout.TOKENS_PER_BLOCK);
    }

    /** Fetches blocks {@code [from, to)} of the prefix from one pool; returns how many blocks of the prefix are loaded. */
    private Mono<Integer> fetchRun(String model, BlockLayout layout, int[] tokens, MatchResponse match,
            PoolEndpoint pool, int from, int to, List<MemorySegment> into) {
        List<MatchedBlock> run = match.blocks().subList(from, to);
        if (run.getFirst().address() != null) {
            return get(pool, addresses(run), into.subList(from, to)).thenReturn(to);
        }
        MemPoolControlClient remote = controlOf(pool);
        int[] prefix = Arrays.copyOf(tokens, to * BlockLayout.TOKENS_PER_BLOCK);
        return remote.match(new MatchRequest(model, layout.id(), prefix, null, null, true, from))
                .flatMap(remoteMatch -> {
                    List<MatchedBlock> held = remoteMatch.blocks();
                    Mono<Integer> fetched = held.isEmpty() ? Mono.just(from)
                            : get(pool, addresses(held), into.subList(from, from + held.size()))
                                    .thenReturn(from + held.size());
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

    private Mono<Void> get(PoolEndpoint pool, List<Long> addresses, List<MemorySegment> into) {
        return dataPlaneOf(pool).get(toArray(addresses), into);
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

    private static List<Long> addresses(List<MatchedBlock> blocks) {
        List<Long> addresses = new ArrayList<>(blocks.size());
        blocks.forEach(b -> addresses.add(b.address()));
        return addresses;
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
