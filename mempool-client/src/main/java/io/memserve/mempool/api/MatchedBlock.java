package io.memserve.mempool.api;

/**
 * One block of a matched prefix: its key, the pool that holds it and in which tier. {@code address} is set for blocks
 * of the answering pool (pinned under the match's lease); blocks of other pools are fetched by matching there.
 */
public record MatchedBlock(String key, String pool, TierName tier, Long address) {
}
