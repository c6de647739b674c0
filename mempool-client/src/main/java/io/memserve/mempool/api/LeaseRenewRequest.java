package io.memserve.mempool.api;

import jakarta.validation.constraints.Positive;

/** Extend a lease by {@code ttlMs} from now (the pool's default when absent). */
public record LeaseRenewRequest(@Positive Long ttlMs) {
}
