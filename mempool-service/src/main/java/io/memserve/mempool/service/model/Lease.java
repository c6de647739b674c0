package io.memserve.mempool.service.model;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Pins held on blocks on behalf of a client until it releases them or the lease expires, so a client that dies
 * cannot strand blocks. Guarded by the block store's lock.
 */
public final class Lease {

    private final String id;
    private long expiresAtMs;
    private final Set<Long> addresses = new LinkedHashSet<>();

    public Lease(String id, long expiresAtMs) {
        this.id = id;
        this.expiresAtMs = expiresAtMs;
    }

    public String id() {
        return id;
    }

    public long expiresAtMs() {
        return expiresAtMs;
    }

    public void renewUntil(long expiresAtMs) {
        this.expiresAtMs = expiresAtMs;
    }

    /** Adds a block; false when the lease already pins it (a lease pins a block once). */
    public boolean add(long address) {
        return addresses.add(address);
    }

    public boolean remove(long address) {
        return addresses.remove(address);
    }

    public Set<Long> addresses() {
        return addresses;
    }
}
