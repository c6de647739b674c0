package io.memserve.mempool.service.store;

import io.memserve.mempool.service.model.Lease;
import io.memserve.mempool.service.model.MemPoolException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Open leases by id. Not thread-safe: used under the block store's lock. */
final class LeaseTable {

    private static final Duration MAX_TTL = Duration.ofMinutes(10);

    private final Map<String, Lease> leases = new HashMap<>();
    private final Clock clock;
    private final Duration defaultTtl;

    LeaseTable(Clock clock, Duration defaultTtl) {
        this.clock = clock;
        this.defaultTtl = defaultTtl;
    }

    /** The lease {@code id} renewed for {@code ttl}, or a new lease when {@code id} is null. */
    Lease openOrRenew(String id, Duration ttl) {
        Lease lease = id == null ? create() : require(id);
        lease.renewUntil(expiry(ttl));
        return lease;
    }

    Lease find(String id) {
        return leases.get(id);
    }

    Lease require(String id) {
        Lease lease = leases.get(id);
        if (lease == null) {
            throw MemPoolException.notFound("lease_not_found", "no open lease " + id + " (released or expired)");
        }
        return lease;
    }

    Lease remove(String id) {
        return leases.remove(id);
    }

    int size() {
        return leases.size();
    }

    List<Lease> expired() {
        long now = clock.millis();
        List<Lease> expired = new ArrayList<>();
        for (Lease lease : leases.values()) {
            if (lease.expiresAtMs() <= now) {
                expired.add(lease);
            }
        }
        return expired;
    }

    List<Lease> all() {
        return List.copyOf(leases.values());
    }

    long expiry(Duration ttl) {
        Duration effective = ttl == null ? defaultTtl : ttl;
        if (effective.isNegative() || effective.isZero() || effective.compareTo(MAX_TTL) > 0) {
            throw MemPoolException.badRequest("invalid_lease_ttl", "a lease lasts more than 0 and at most "
                    + MAX_TTL.toSeconds() + " s, not " + effective.toMillis() + " ms");
        }
        return clock.millis() + effective.toMillis();
    }

    private Lease create() {
        Lease lease = new Lease(UUID.randomUUID().toString(), 0);
        leases.put(lease.id(), lease);
        return lease;
    }
}
