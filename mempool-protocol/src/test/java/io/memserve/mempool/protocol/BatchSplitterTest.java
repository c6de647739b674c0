package io.memserve.mempool.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BatchSplitterTest {

    private static List<MemorySegment> blocks(int count, int bytes) {
        List<MemorySegment> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(MemorySegment.ofArray(new byte[bytes]));
        }
        return blocks;
    }

    @Test
    void framesFitTheLimitAndKeepTheBlocksInOrder() {
        long[] addresses = LongStream.range(100, 400).toArray();
        List<MemorySegment> segments = blocks(300, 12_345);
        int limit = DataPlaneSettings.MIN_FRAME_BYTES;

        List<BlockBatch> batches = BatchSplitter.split(Opcode.PUT, addresses, segments, limit);

        List<Long> seen = new ArrayList<>();
        for (BlockBatch batch : batches) {
            BlockTable table = batch.table();
            long frameBytes = FrameFormat.HEADER_BYTES + BlockTable.bytesFor(table.count()) + table.dataBytes();
            assertTrue(frameBytes <= limit, "frame of " + frameBytes + " bytes");
            for (long address : batch.addresses()) {
                seen.add(address);
            }
        }
        assertArrayEquals(addresses, seen.stream().mapToLong(Long::longValue).toArray());
        assertEquals(60, batches.size(), "5 blocks of 12 345 bytes fit a 64 KiB frame");
    }

    @Test
    void largeCallsAreCutNearTheTargetSoTheyUseSeveralConnections() {
        int blockBytes = 256 * 1024;
        List<BlockBatch> batches = BatchSplitter.split(Opcode.GET, LongStream.range(0, 64).toArray(),
                blocks(64, blockBytes), 16 * 1024 * 1024);

        assertEquals(64 * blockBytes / BatchSplitter.TARGET_BLOCK_BYTES, batches.size());
    }

    @Test
    void aBlockThatCannotFitAFrameIsRefused() {
        DataPlaneException refused = assertThrows(DataPlaneException.class, () -> BatchSplitter.split(Opcode.PUT,
                new long[] {1, 2}, blocks(2, DataPlaneSettings.MIN_FRAME_BYTES), DataPlaneSettings.MIN_FRAME_BYTES));

        assertEquals(ErrorCode.FRAME_TOO_LARGE, refused.code());
    }
}
