package io.memserve.mempool.api;

/** How many blocks were freed at once; the others are freed when the last lease pinning them ends. */
public record FreeResponse(int freedBlocks, int deferredBlocks) {
}
