package io.memserve.mempool.api;

/** A lease after renewal or release: when it expires (0 once released) and how many blocks it pins. */
public record LeaseResponse(String leaseId, long expiresAtEpochMs, int pinnedBlocks) {
}
