package io.memserve.mempool.service.web;

import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.AllocResponse;
import io.memserve.mempool.api.DeleteRequest;
import io.memserve.mempool.api.DeleteResponse;
import io.memserve.mempool.api.FreeRequest;
import io.memserve.mempool.api.FreeResponse;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.LeaseRenewRequest;
import io.memserve.mempool.api.LeaseResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.ResizeRequest;
import io.memserve.mempool.api.SwapInRequest;
import io.memserve.mempool.api.SwapOutRequest;
import io.memserve.mempool.api.SwapResponse;
import io.memserve.mempool.api.TransferRequest;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.api.TransferWithInsertRequest;
import io.memserve.mempool.service.pool.MemPoolService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** MemPool's REST control plane: the paper's verbs, pool status and resize, leases. See docs/mempool-api.md. */
@RestController
@RequestMapping("/v1")
public class MemPoolController {

    private final MemPoolService pool;

    public MemPoolController(MemPoolService pool) {
        this.pool = pool;
    }

    @PostMapping("/alloc_mem")
    public Mono<AllocResponse> alloc(@Valid @RequestBody AllocRequest request) {
        return Mono.defer(() -> pool.alloc(request));
    }

    @PostMapping("/free_mem")
    public Mono<FreeResponse> free(@Valid @RequestBody FreeRequest request) {
        return Mono.defer(() -> pool.free(request));
    }

    @PostMapping("/insert")
    public Mono<InsertResponse> insert(@Valid @RequestBody InsertRequest request) {
        return Mono.defer(() -> pool.insert(request));
    }

    @PostMapping("/match")
    public Mono<MatchResponse> match(@Valid @RequestBody MatchRequest request) {
        return Mono.defer(() -> pool.match(request));
    }

    @PostMapping("/delete")
    public Mono<DeleteResponse> delete(@Valid @RequestBody DeleteRequest request) {
        return Mono.defer(() -> pool.delete(request));
    }

    @PostMapping("/transfer")
    public Mono<TransferResponse> transfer(@Valid @RequestBody TransferRequest request) {
        return Mono.defer(() -> pool.transfer(request.dstPool(), request.srcAddresses(), request.dstAddresses()));
    }

    @PostMapping("/transfer_with_insert")
    public Mono<TransferResponse> transferWithInsert(@Valid @RequestBody TransferWithInsertRequest request) {
        return Mono.defer(() -> pool.transferWithInsert(request.dstPool(), request.model(), request.layout(),
                request.tokens()));
    }

    @PostMapping("/swap_out")
    public Mono<SwapResponse> swapOut(@Valid @RequestBody SwapOutRequest request) {
        return Mono.defer(() -> pool.swapOut(request.count())).map(SwapResponse::new);
    }

    @PostMapping("/swap_in")
    public Mono<SwapResponse> swapIn(@Valid @RequestBody SwapInRequest request) {
        return Mono.defer(() -> pool.swapIn(request.addresses())).map(SwapResponse::new);
    }

    @GetMapping("/status")
    public PoolStatus status() {
        return pool.status();
    }

    @PostMapping("/resize")
    public Mono<PoolStatus> resize(@Valid @RequestBody ResizeRequest request) {
        return Mono.defer(() -> pool.resize(request.tier(), request.capacityBytes()));
    }

    @PostMapping("/leases/{leaseId}/renew")
    public LeaseResponse renew(@PathVariable String leaseId, @Valid @RequestBody LeaseRenewRequest request) {
        return pool.renewLease(leaseId, request.ttlMs());
    }

    @DeleteMapping("/leases/{leaseId}")
    public Mono<LeaseResponse> release(@PathVariable String leaseId) {
        return Mono.defer(() -> pool.releaseLease(leaseId));
    }
}
