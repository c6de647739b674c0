package io.memserve.mempool.service.transfer;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.mempool.service.metrics.MemPoolMetrics;
import io.memserve.mempool.service.model.MemPoolException;
import io.memserve.mempool.service.registry.PoolRegistry;
import io.memserve.mempool.service.store.BlockStore;
import io.memserve.mempool.service.store.LocalBlock;
import io.memserve.mempool.service.store.OpenBlock;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Pool-to-pool copies: this pool pushes its own blocks straight into the destination pool's memory over the data
 * plane, so no worker ever relays bytes. Source blocks stay pinned until the push ends.
 */
public final class TransferService {

    private final BlockStore store;
    private final PoolRegistry registry;
    private final Peers peers;
    private final MemPoolMetrics metrics;

    public TransferService(BlockStore store, PoolRegistry registry, Peers peers, MemPoolMetrics metrics) {
        this.store = store;
        this.registry = registry;
        this.peers = peers;
        this.metrics = metrics;
    }

    /** Copies {@code src} blocks of this pool into {@code dst} addresses already allocated in {@code dstPool}. */
    public Mono<TransferResponse> transfer(String dstPool, List<Long> src, List<Long> dst) {
        if (src.size() != dst.size()) {
            throw MemPoolException.badRequest("address_count_mismatch", src.size() + " source and " + dst.size()
                    + " destination addresses");
        }
        return destination(dstPool).flatMap(pool -> push(pool, src, dst))
                .map(bytes -> new TransferResponse(src.size(), 0, bytes));
    }

    /**
     * Makes {@code dstPool} hold and publish the blocks of {@code keys}: asks it which it holds already, allocates the
     * rest there, pushes only those, and has it insert the whole prefix.
     */
    public Mono<TransferResponse> transferWithInsert(String dstPool, String model, BlockLayout layout,
            BlockKey[] keys, int[] tokens) {
        BlockStore.LocalMatch local = store.match(keys, 0, null, null);
        if (local.blocks().size() < keys.length) {
            release(local.leaseId());
            throw MemPoolException.conflict("blocks_not_held", "this pool holds " + local.blocks().size() + " of the "
                    + keys.length + " blocks to transfer");
        }
        int[] fullBlocks = Arrays.copyOf(tokens, keys.length * BlockLayout.TOKENS_PER_BLOCK);
        return destination(dstPool)
                .flatMap(pool -> sendMissing(pool, model, layout, fullBlocks, local.blocks()))
                .doFinally(signal -> release(local.leaseId()));
    }

    private Mono<TransferResponse> sendMissing(PoolEndpoint pool, String model, BlockLayout layout, int[] tokens,
            List<LocalBlock> blocks) {
        MemPoolControlClient dst = peers.control(pool);
        return dst.match(new MatchRequest(model, layout.id(), tokens, null, null, true, 0)).flatMap(present -> {
            int held = present.matchedTokens() / BlockLayout.TOKENS_PER_BLOCK;
            int missing = blocks.size() - held;
            Mono<List<Long>> allocated = missing == 0 ? Mono.just(List.of())
                    : dst.alloc(new AllocRequest(layout.id(), missing, TierName.DRAM, present.leaseId(), null))
                            .map(a -> a.addresses());
            Mono<TransferResponse> sent = allocated.flatMap(dstAddresses -> {
                List<Long> src = blocks.subList(held, blocks.size()).stream().map(LocalBlock::address).toList();
                List<Long> all = new ArrayList<>(Arrays.stream(present.localAddresses()).boxed().toList());
                all.addAll(dstAddresses);
                return push(pool, src, dstAddresses)
                        .flatMap(bytes -> dst.insert(new InsertRequest(model, layout.id(), tokens, all))
                                .thenReturn(new TransferResponse(missing, held, bytes)));
            });
            return present.leaseId() == null ? sent : sent.flatMap(r -> releaseAt(dst, present.leaseId()).thenReturn(r))
                    .onErrorResume(e -> releaseAt(dst, present.leaseId()).then(Mono.error(e)));
        });
    }

    private Mono<Long> push(PoolEndpoint pool, List<Long> src, List<Long> dst) {
        if (src.isEmpty()) {
            return Mono.just(0L);
        }
        return Mono.defer(() -> {
            long started = System.nanoTime();
            List<OpenBlock> opened = openAll(src);
            List<MemorySegment> segments = opened.stream().map(OpenBlock::segment).toList();
            long bytes = segments.stream().mapToLong(MemorySegment::byteSize).sum();
            long[] addresses = dst.stream().mapToLong(Long::longValue).toArray();
            return peers.dataPlane(pool).put(addresses, segments)
                    .doFinally(signal -> opened.forEach(OpenBlock::close))
                    .then(Mono.fromSupplier(() -> {
                        metrics.transferred(Duration.ofNanos(System.nanoTime() - started));
                        metrics.bytesOut(bytes);
                        return bytes;
                    }));
        });
    }

    private List<OpenBlock> openAll(List<Long> addresses) {
        List<OpenBlock> opened = new ArrayList<>(addresses.size());
        try {
            for (long address : addresses) {
                opened.add(store.openForRead(address));
            }
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(OpenBlock::close);
            throw e;
        }
    }

    private Mono<PoolEndpoint> destination(String poolId) {
        if (poolId.equals(registry.self().id())) {
            return Mono.error(MemPoolException.badRequest("same_pool", "a pool does not transfer to itself"));
        }
        return registry.endpoint(poolId).switchIfEmpty(Mono.error(() -> MemPoolException.notFound("pool_not_found",
                "no live pool " + poolId)));
    }

    private void release(String leaseId) {
        if (leaseId != null) {
            store.releaseLeaseIfOpen(leaseId);
        }
    }

    private static Mono<Void> releaseAt(MemPoolControlClient pool, String leaseId) {
        return pool.releaseLease(leaseId).then();
    }
}
