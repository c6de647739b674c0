package io.memserve.kvhandoff;

import io.memserve.mempool.client.MemPoolApiException;
import io.memserve.mempool.client.MemPoolControlClient;
import reactor.core.publisher.Mono;

/** Ending the leases that matches and allocations take on a worker's behalf. */
final class Leases {

    private Leases() {
    }

    /** Releases {@code leaseId}; one that already ended (expired, or nothing was pinned) needs nothing more. */
    static Mono<Void> release(MemPoolControlClient pool, String leaseId) {
        return leaseId == null ? Mono.empty() : pool.releaseLease(leaseId).then()
                .onErrorResume(MemPoolApiException.class, e -> e.status() == 404 ? Mono.empty() : Mono.error(e));
    }

    /** Runs {@code work} and releases the lease after it, whether it succeeded or failed. */
    static <T> Mono<T> releasingAfter(MemPoolControlClient pool, String leaseId, Mono<T> work) {
        return work.flatMap(value -> release(pool, leaseId).thenReturn(value))
                .onErrorResume(e -> release(pool, leaseId).then(Mono.error(e)));
    }
}
