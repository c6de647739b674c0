package io.memserve.mempool.protocol;

/** A block address that cannot be read or written now: not allocated, never written, or otherwise unavailable. */
public class BlockAccessException extends RuntimeException {

    public BlockAccessException(String message) {
        super(message);
    }
}
