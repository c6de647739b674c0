package io.memserve.mempool.api;

import java.util.List;

/** The blocks {@code alloc_mem} reserved, in request order, and the lease that pins them. */
public record AllocResponse(String leaseId, TierName tier, long blockBytes, List<Long> addresses) {
}
