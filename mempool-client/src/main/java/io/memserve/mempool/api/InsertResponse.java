package io.memserve.mempool.api;

import java.util.List;

/**
 * What {@code insert} did: blocks newly published, blocks whose key the pool already held (the given block stays
 * unpublished and is freed when its lease ends), and for each key the address that now holds it.
 */
public record InsertResponse(int insertedBlocks, int duplicateBlocks, List<Long> addresses) {
}
