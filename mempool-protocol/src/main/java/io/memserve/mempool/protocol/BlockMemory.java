package io.memserve.mempool.protocol;

/**
 * The blocks a data-plane server reads and writes: implemented by the pool's block store. Addresses are the opaque
 * values the store's allocator minted; the protocol never interprets them.
 *
 * <p>Both methods are called on the server's network threads, concurrently for different connections, and must not
 * block: a call that waits stalls every connection served by that thread.
 */
public interface BlockMemory {

    /**
     * Pins an allocated, already written block for reading until the handle is closed.
     *
     * @throws BlockAccessException if the address is not allocated or the block holds no data yet
     */
    BlockHandle openForRead(long address);

    /**
     * Pins an allocated block for writing until the handle is closed. A PUT opens all its blocks before it writes
     * any, so a handle may be closed with its block untouched when a later block of the same PUT is refused.
     *
     * @throws BlockAccessException if the address is not allocated or cannot be written now
     */
    BlockHandle openForWrite(long address);
}
