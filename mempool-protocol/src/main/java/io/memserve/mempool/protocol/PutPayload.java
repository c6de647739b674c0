package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A PUT as it arrives. Its block table comes first; as soon as it is complete the table is checked and the blocks
 * are opened (pinned and checked), and their bytes are then received straight into the memory each block's handle
 * gives for its new bytes ({@link SegmentsPayload}), checksummed block by block where they land. Only once the
 * frame's checksum (the table's and the blocks' combined) matched are the blocks committed, each with its CRC32C, so
 * a corrupted or cut-off PUT changes nothing, and serving the blocks later needs no pass over their bytes. A refused
 * PUT's bytes are checksummed and dropped.
 */
final class PutPayload implements PayloadSink {

    private static final int COUNT_BYTES = 4;

    private final BlockRequests requests;
    private final int length;
    private final Consumer<RuntimeException> done;
    private final ByteBuf table = Unpooled.buffer(COUNT_BYTES);
    /** The CRC32C of the bytes before the blocks': the table, or all of them once the PUT is refused. */
    private final CRC32C prefix = new CRC32C();
    /** Table bytes expected: the count, then, once it is known, the entries. */
    private long tableBytes = COUNT_BYTES;
    private long accepted;
    private List<BlockHandle> handles;
    private SegmentsPayload blocks;
    private long blockBytes;
    private RuntimeException refusal;

    PutPayload(BlockRequests requests, int length, Consumer<RuntimeException> done) {
        this.requests = requests;
        this.length = length;
        this.done = done;
    }

    @Override
    public ByteBuf receiveBuffer(int max) {
        return blocks == null ? null : blocks.receiveBuffer(max);
    }

    @Override
    public void accept(ByteBuf in, int index, int count) {
        while (count > 0 && accepted < tableBytes) {
            int take = (int) Math.min(count, tableBytes - accepted);
            table.writeBytes(in, index, take);
            Crc32c.update(prefix, in, index, take);
            accepted += take;
            if (accepted == tableBytes) {
                tableArrived();
            }
            index += take;
            count -= take;
        }
        if (count == 0) {
            return;
        }
        if (blocks != null) {
            blocks.accept(in, index, count);
            blockBytes += count;
        } else {
            Crc32c.update(prefix, in, index, count);
        }
        accepted += count;
    }

    /** The count, then the whole table: checks it and opens the blocks, or records why the PUT is refused. */
    private void tableArrived() {
        try {
            if (tableBytes == COUNT_BYTES) {
                long count = table.getUnsignedInt(0);
                BlockTable.requireFits(count, length);
                tableBytes += count * BlockTable.ENTRY_BYTES;
                return;
            }
            handles = requests.openForPut(BlockTable.read(table), length - tableBytes);
            blocks = new SegmentsPayload(handles.stream().map(BlockHandle::writeTarget).toList(), () -> { });
        } catch (RuntimeException e) {
            refusal = e;
            unpin();
        }
    }

    @Override
    public int checksum() {
        int before = (int) prefix.getValue();
        return blocks == null ? before : Crc32c.combine(before, blocks.checksum(), blockBytes);
    }

    @Override
    public void complete() {
        RuntimeException failure = refusal;
        if (blocks != null) {
            try {
                int[] checksums = blocks.segmentChecksums();
                for (int i = 0; i < handles.size(); i++) {
                    handles.get(i).commit(checksums[i]);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        } else if (failure == null) {
            failure = new RequestRefused(ErrorCode.MALFORMED, "payload too short for a block count");
        }
        abandon();
        done.accept(failure);
    }

    @Override
    public void abandon() {
        table.release();
        unpin();
    }

    private void unpin() {
        if (handles != null) {
            BlockRequests.closeAll(handles);
            handles = null;
        }
    }
}
