package io.memserve.mempool.service.pool;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.AllocResponse;
import io.memserve.mempool.api.DeleteRequest;
import io.memserve.mempool.api.DeleteResponse;
import io.memserve.mempool.api.FreeRequest;
import io.memserve.mempool.api.FreeResponse;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.LeaseResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.service.index.ClusterIndex;
import io.memserve.mempool.service.index.KvEventWriter;
import io.memserve.mempool.service.index.RemoteHolders;
import io.memserve.mempool.service.metrics.MemPoolMetrics;
import io.memserve.mempool.service.model.Lease;
import io.memserve.mempool.service.model.MemPoolException;
import io.memserve.mempool.service.store.BlockStore;
import io.memserve.mempool.service.store.LocalBlock;
import io.memserve.mempool.service.store.StoreStatus;
import io.memserve.mempool.service.transfer.TransferService;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The paper's verbs over this pool's block store, the Redis index and other pools. */
public final class MemPoolService {

    private static final Logger log = LoggerFactory.getLogger(MemPoolService.class);

    private final PoolEndpoint self;
    private final BlockStore store;
    private final KvEventWriter events;
    private final ClusterIndex cluster;
    private final TransferService transfers;
    private final MemPoolMetrics metrics;
    private final KeyChains chains = new KeyChains();

    public MemPoolService(PoolEndpoint self, BlockStore store, KvEventWriter events, ClusterIndex cluster,
            TransferService transfers, MemPoolMetrics metrics) {
        this.self = self;
        this.store = store;
        this.events = events;
        this.cluster = cluster;
        this.transfers = transfers;
        this.metrics = metrics;
    }

    public Mono<AllocResponse> alloc(AllocRequest r) {
        BlockLayout layout = KeyChains.layout(r.layout());
        TierName tier = r.tier() == null ? TierName.DRAM : r.tier();
        BlockStore.Allocation a = store.allocate(layout, r.count(), tier, r.leaseId(), ttl(r.leaseTtlMs()));
        return events.flush().thenReturn(new AllocResponse(a.leaseId(), tier, layout.bytes(), a.addresses()));
    }

    public Mono<FreeResponse> free(FreeRequest r) {
        int[] result = store.free(r.addresses(), r.leaseId());
        return events.flush().thenReturn(new FreeResponse(result[0], result[1]));
    }

    public Mono<InsertResponse> insert(InsertRequest r) {
        BlockLayout layout = KeyChains.layout(r.layout());
        BlockKeyChain chain = chains.chain(r.model(), layout);
        int[] tokens = KeyChains.tokens(r.tokens());
        BlockKey[] keys = chain.keys(tokens);
        if (keys.length == 0) {
            throw MemPoolException.badRequest("no_full_block", "insert needs at least "
                    + BlockLayout.TOKENS_PER_BLOCK + " tokens");
        }
        BlockStore.Insertion done = store.insert(r.model(), layout, chain.root(), keys, tokens, r.addresses());
        return events.flush().thenReturn(new InsertResponse(done.inserted(), done.duplicates(), done.addresses()));
    }

    public Mono<MatchResponse> match(MatchRequest r) {
        BlockLayout layout = KeyChains.layout(r.layout());
        BlockKey[] keys = chains.chain(r.model(), layout).keys(KeyChains.tokens(r.tokens()));
        if (r.fromBlock() > 0 && !r.localOnly()) {
            throw MemPoolException.badRequest("from_block_needs_local_only", "from_block is for local_only matches");
        }
        if (r.fromBlock() > keys.length) {
            throw MemPoolException.badRequest("from_block_out_of_range", "from_block " + r.fromBlock() + " is past the "
                    + keys.length + " full blocks of the tokens");
        }
        BlockStore.LocalMatch local = store.match(keys, r.fromBlock(), r.leaseId(), ttl(r.leaseTtlMs()));
        int next = r.fromBlock() + local.blocks().size();
        Mono<RemoteHolders> remote = r.localOnly() || next == keys.length ? Mono.just(RemoteHolders.NONE)
                : cluster.holders(Arrays.asList(keys).subList(next, keys.length))
                        .onErrorResume(e -> {
                            log.warn("Redis lookup failed; answering with this pool's blocks only: {}", e.toString());
                            return Mono.just(RemoteHolders.NONE);
                        });
        return remote.map(holders -> {
            MatchResponse response = answer(local, r.fromBlock(), next, holders);
            metrics.matched((keys.length - r.fromBlock()) * BlockLayout.TOKENS_PER_BLOCK, response.matchedTokens());
            return response;
        });
    }

    private MatchResponse answer(BlockStore.LocalMatch local, int fromBlock, int next, RemoteHolders remote) {
        RunsBuilder runs = new RunsBuilder(fromBlock, local.blocks().size() + remote.holders().size());
        Map<String, PoolEndpoint> pools = new HashMap<>();
        for (LocalBlock b : local.blocks()) {
            runs.add(self.id(), b.tier(), b.address());
        }
        if (!local.blocks().isEmpty()) {
            pools.put(self.id(), self);
        }
        String previous = null;
        for (int i = 0; i < remote.holders().size(); i++) {
            Map<String, TierName> holding = remote.holders().get(i);
            String pool = previous != null && holding.containsKey(previous) ? previous
                    : holding.keySet().iterator().next();
            runs.add(pool, holding.get(pool), null);
            pools.put(pool, remote.endpoints().get(pool));
            previous = pool;
        }
        int blocks = next - fromBlock + remote.holders().size();
        return new MatchResponse(blocks * BlockLayout.TOKENS_PER_BLOCK, local.leaseId(), runs.runs(), pools);
    }

    public Mono<DeleteResponse> delete(DeleteRequest r) {
        BlockLayout layout = KeyChains.layout(r.layout());
        int deleted = store.delete(chains.chain(r.model(), layout).keys(KeyChains.tokens(r.tokens())));
        return events.flush().thenReturn(new DeleteResponse(deleted));
    }

    public Mono<TransferResponse> transfer(String dstPool, List<Long> src, List<Long> dst) {
        return transfers.transfer(dstPool, src, dst);
    }

    public Mono<TransferResponse> transferWithInsert(String dstPool, String model, String layoutId, int[] tokens) {
        BlockLayout layout = KeyChains.layout(layoutId);
        BlockKey[] keys = chains.chain(model, layout).keys(KeyChains.tokens(tokens));
        if (keys.length == 0) {
            throw MemPoolException.badRequest("no_full_block", "transfer_with_insert needs at least "
                    + BlockLayout.TOKENS_PER_BLOCK + " tokens");
        }
        return transfers.transferWithInsert(dstPool, model, layout, keys, tokens);
    }

    public Mono<List<Long>> swapOut(int count) {
        List<Long> moved = store.swapOut(count);
        return events.flush().thenReturn(moved);
    }

    public Mono<List<Long>> swapIn(List<Long> addresses) {
        List<Long> moved = store.swapIn(addresses);
        return events.flush().thenReturn(moved);
    }

    public PoolStatus status() {
        StoreStatus s = store.status();
        return new PoolStatus(self, s.tiers(), s.indexedBlocks(), s.leases());
    }

    public Mono<PoolStatus> resize(TierName tier, long capacityBytes) {
        store.resize(tier, capacityBytes);
        return events.flush().then(Mono.fromSupplier(this::status));
    }

    public LeaseResponse renewLease(String leaseId, Long ttlMs) {
        Lease lease = store.renewLease(leaseId, ttl(ttlMs));
        return new LeaseResponse(lease.id(), lease.expiresAtMs(), lease.addresses().size());
    }

    public Mono<LeaseResponse> releaseLease(String leaseId) {
        int pinned = store.releaseLease(leaseId);
        return events.flush().thenReturn(new LeaseResponse(leaseId, 0, pinned));
    }

    private static Duration ttl(Long ms) {
        return ms == null ? null : Duration.ofMillis(ms);
    }
}
