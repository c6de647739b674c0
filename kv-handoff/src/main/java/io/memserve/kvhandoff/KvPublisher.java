package io.memserve.kvhandoff;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.PoolEndpoint;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.api.TransferWithInsertRequest;
import io.memserve.mempool.client.MemPoolControlClient;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import reactor.core.publisher.Mono;

/**
 * Puts a sequence's KV into MemPool: {@link #publish} writes the full pages a pool lacks and publishes the whole run
 * under the sequence's tokens; {@link #handOff} has a pool push what another pool lacks of a token run. Call these
 * while the sequence is open and not being stepped (a finished prefill, an ended decode).
 */
public final class KvPublisher {

    private static final int T = BlockLayout.TOKENS_PER_BLOCK;

    private final Engine engine;
    private final PoolConnections pools;

    public KvPublisher(Engine engine, PoolConnections pools) {
        this.engine = engine;
        this.pools = pools;
    }

    /** Makes {@code target} hold every full page of {@code sequence}; returns how many blocks had to be written. */
    public Mono<Integer> publish(PoolEndpoint target, Sequence sequence) {
        int full = sequence.fullPages();
        if (full == 0) {
            return Mono.just(0);
        }
        int[] tokens = Arrays.copyOf(sequence.tokens(), full * T);
        List<MemorySegment> pages = IntStream.range(0, full).mapToObj(sequence::exportPage).toList();
        MemPoolControlClient control = pools.control(target);
        String layout = engine.kvLayout().id();
        return control.match(new MatchRequest(engine.modelId(), layout, tokens, null, null, true, 0))
                .flatMap(held -> Leases.releasingAfter(control, held.leaseId(),
                        writeMissing(target, control, tokens, pages, held.localAddresses(), held.leaseId())));
    }

    private Mono<Integer> writeMissing(PoolEndpoint target, MemPoolControlClient control, int[] tokens,
            List<MemorySegment> pages, long[] held, String leaseId) {
        int missing = pages.size() - held.length;
        if (missing == 0) {
            return Mono.just(0);
        }
        return control.alloc(new AllocRequest(engine.kvLayout().id(), missing, TierName.DRAM, leaseId, null))
                .flatMap(alloc -> Leases.releasingAfter(control, alloc.leaseId(),
                        pools.dataPlane(target)
                                .put(alloc.addresses().stream().mapToLong(Long::longValue).toArray(),
                                        pages.subList(held.length, pages.size()))
                                .then(control.insert(new InsertRequest(engine.modelId(), engine.kvLayout().id(),
                                        tokens, concat(held, alloc.addresses()))))
                                .thenReturn(missing)));
    }

    /**
     * Has {@code holder}, which holds every full block of {@code tokens}, push the blocks {@code destinationPool}
     * lacks and publish the run there.
     */
    public Mono<TransferResponse> handOff(PoolEndpoint holder, String destinationPool, int[] tokens) {
        return pools.control(holder).transferWithInsert(new TransferWithInsertRequest(destinationPool,
                engine.modelId(), engine.kvLayout().id(), tokens));
    }

    private static List<Long> concat(long[] held, List<Long> written) {
        List<Long> addresses = new ArrayList<>(held.length + written.size());
        Arrays.stream(held).forEach(addresses::add);
        addresses.addAll(written);
        return addresses;
    }
}
