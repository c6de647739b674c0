package io.memserve.mempool.protocol;

import java.lang.foreign.MemorySegment;
import java.util.OptionalInt;

/**
 * A pinned block: its bytes stay where they are and are not evicted or reused until {@link #close()}. A handle opened
 * for writing changes the block only through {@link #commit}: closed without it, the block is as it was.
 */
public interface BlockHandle extends AutoCloseable {

    /** The block's bytes; its size is the block size of the pool. */
    MemorySegment segment();

    /**
     * The CRC32C of the block's bytes, remembered since they were last written (see {@link #commit} and
     * {@link #rememberChecksum}), so that serving a block does not read it once more to checksum it; empty when none is.
     */
    OptionalInt checksum();

    /** Remembers the CRC32C of the block's bytes as they are (a read handle's block, checksummed when first served). */
    void rememberChecksum(int crc32c);

    /**
     * Where a write puts the block's new bytes: memory of the block's size, apart from the block's own, that becomes
     * the block's on {@link #commit} (the block's old memory is reused for other writes). The block's bytes are not
     * touched before, so a write that fails (a bad checksum, a lost connection) leaves them as they were, and none are
     * copied after.
     */
    MemorySegment writeTarget();

    /**
     * The bytes written to {@link #writeTarget()} are complete and verified: they become the block's bytes, whose
     * CRC32C is {@code crc32c}.
     */
    void commit(int crc32c);

    /** Unpins the block. */
    @Override
    void close();
}
