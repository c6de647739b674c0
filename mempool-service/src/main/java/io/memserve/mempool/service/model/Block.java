package io.memserve.mempool.service.model;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.store.TierMemory;
import java.util.OptionalInt;

/**
 * One block of a pool. Mutable, and only ever read or changed under the block store's lock. A block is kept while
 * something pins it (a lease, an open data-plane handle) or while it is published in the index; when neither holds
 * any more it is freed.
 */
public final class Block {

    private final long address;
    private final BlockLayout layout;
    private TierName tier;
    private TierMemory memory;
    private int pins;
    private int openHandles;
    private boolean writing;
    private boolean written;
    private OptionalInt checksum = OptionalInt.empty();
    private Publication publication;

    /** What a published block is: its key, its parent's key, its model and its 16 token ids. */
    public record Publication(String model, BlockKey key, BlockKey parent, int[] tokens) {
    }

    public Block(long address, BlockLayout layout, TierName tier, TierMemory memory) {
        this.address = address;
        this.layout = layout;
        this.tier = tier;
        this.memory = memory;
    }

    public long address() {
        return address;
    }

    public BlockLayout layout() {
        return layout;
    }

    public long bytes() {
        return memory.bytes();
    }

    public TierName tier() {
        return tier;
    }

    public TierMemory memory() {
        return memory;
    }

    public void moveTo(TierName tier, TierMemory memory) {
        this.tier = tier;
        this.memory = memory;
    }

    public int pins() {
        return pins;
    }

    public void pin() {
        pins++;
    }

    public void unpin() {
        if (pins == 0) {
            throw new IllegalStateException("block " + address + " is not pinned");
        }
        pins--;
    }

    public int openHandles() {
        return openHandles;
    }

    public void openHandle(boolean forWrite) {
        openHandles++;
        writing = forWrite;
    }

    public void closeHandle(boolean forWrite) {
        openHandles--;
        if (forWrite) {
            writing = false;
        }
    }

    /** The data plane wrote the block's bytes, whose CRC32C is {@code crc32c}. */
    public void written(int crc32c) {
        written = true;
        checksum = OptionalInt.of(crc32c);
    }

    public boolean writing() {
        return writing;
    }

    public boolean written() {
        return written;
    }

    /** The CRC32C of the block's bytes, when the data plane knows it since they were last written. */
    public OptionalInt checksum() {
        return checksum;
    }

    public void rememberChecksum(int crc32c) {
        checksum = OptionalInt.of(crc32c);
    }

    public boolean published() {
        return publication != null;
    }

    public Publication publication() {
        return publication;
    }

    public void publish(Publication publication) {
        this.publication = publication;
    }

    public void unpublish() {
        this.publication = null;
    }

    /** Neither pinned nor published: nothing keeps the block any more. */
    public boolean unreferenced() {
        return pins == 0 && publication == null;
    }
}
