package io.memserve.mempool.api;

/** How many index entries {@code delete} dropped. */
public record DeleteResponse(int deletedBlocks) {
}
