package io.memserve.mempool.api;

/**
 * Consecutive blocks of a matched prefix that one pool holds in one tier: {@code blocks} blocks from block index
 * {@code firstBlock} of the prompt. {@code addresses} (one per block) is set for the answering pool's runs, which are
 * pinned under the match's lease; another pool's blocks are fetched by matching there. Block keys are not sent: the
 * caller computes them from its tokens.
 */
public record MatchedRun(String pool, TierName tier, int firstBlock, int blocks, long[] addresses) {

    public int endBlock() {
        return firstBlock + blocks;
    }
}
