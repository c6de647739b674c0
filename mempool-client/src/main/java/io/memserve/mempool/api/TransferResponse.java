package io.memserve.mempool.api;

/** What a transfer moved: blocks sent, blocks the destination already held (not sent), and bytes sent. */
public record TransferResponse(int sentBlocks, int presentBlocks, long bytes) {
}
