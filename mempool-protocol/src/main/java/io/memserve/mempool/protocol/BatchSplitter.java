package io.memserve.mempool.protocol;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a call's blocks, in order, into frames that fit the connection's frame limit. A frame's payload is bounded by
 * its block table plus its block bytes, which holds for a PUT and for both the request and the answer of a GET.
 *
 * <p>Frames are also kept near {@link #TARGET_BLOCK_BYTES}: small enough that one call becomes several frames served by
 * several connections and server threads at once; large enough that per-frame work is noise.
 */
final class BatchSplitter {

    static final long TARGET_BLOCK_BYTES = 2 * 1024 * 1024;

    private BatchSplitter() {
    }

    /** @throws DataPlaneException FRAME_TOO_LARGE if one block alone does not fit in a frame */
    static List<BlockBatch> split(Opcode opcode, long[] addresses, List<MemorySegment> segments, int frameLimit) {
        long maxPayload = frameLimit - FrameFormat.HEADER_BYTES;
        List<BlockBatch> batches = new ArrayList<>();
        int first = 0;
        long data = 0;
        for (int i = 0; i < segments.size(); i++) {
            long size = segments.get(i).byteSize();
            if (BlockTable.bytesFor(1) + size > maxPayload) {
                throw new DataPlaneException(ErrorCode.FRAME_TOO_LARGE, "block " + i + " ("
                        + Addresses.hex(addresses[i]) + ") is " + size + " bytes; a frame to this peer carries at most "
                        + frameLimit + " bytes, header and block table included");
            }
            int count = i - first;
            boolean fits = BlockTable.bytesFor(count + 1) + data + size <= maxPayload && data + size <= TARGET_BLOCK_BYTES;
            if (count > 0 && !fits) {
                batches.add(batch(opcode, addresses, segments, first, i));
                first = i;
                data = 0;
            }
            data += size;
        }
        batches.add(batch(opcode, addresses, segments, first, segments.size()));
        return batches;
    }

    private static BlockBatch batch(Opcode opcode, long[] addresses, List<MemorySegment> segments, int from, int to) {
        return new BlockBatch(opcode, Arrays.copyOfRange(addresses, from, to), List.copyOf(segments.subList(from, to)));
    }
}
