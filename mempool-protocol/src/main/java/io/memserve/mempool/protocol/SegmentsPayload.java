package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Payload bytes received straight into the memory they are meant for, a list of segments filled in order: a GET's
 * answer into the caller's segments, a PUT's blocks into the blocks' memory. The socket reads into the segments
 * directly where it can, and each piece is checksummed where it landed, while still in cache; each segment's own
 * CRC32C is kept. No intermediate buffer, no copy. A sink whose owner gave up (a call's deadline, cancellation)
 * detaches, and the rest of the payload is checksummed and dropped.
 */
final class SegmentsPayload implements PayloadSink {

    private final List<MemorySegment> segments;
    private final Runnable onComplete;
    private final int[] checksums;
    private final CRC32C crc = new CRC32C();
    private long crcLength;
    /** The CRC32C of the finished segments. */
    private int finished;
    private int segment;
    private long offset;
    private ByteBuf lent;
    private boolean detached;

    SegmentsPayload(List<MemorySegment> segments, Runnable onComplete) {
        this.segments = segments;
        this.onComplete = onComplete;
        this.checksums = new int[segments.size()];
    }

    /** Stops writing into the segments: their owner no longer waits for them. */
    void detach() {
        detached = true;
        lent = null;
    }

    /** The CRC32C of each segment; complete once the whole payload has been accepted. */
    int[] segmentChecksums() {
        return checksums;
    }

    @Override
    public ByteBuf receiveBuffer(int max) {
        if (detached) {
            return null;
        }
        MemorySegment target = segments.get(segment);
        long length = Math.min(target.byteSize() - offset, max);
        lent = Unpooled.wrappedBuffer(target.asSlice(offset, length).asByteBuffer()).clear();
        return lent;
    }

    @Override
    public void accept(ByteBuf in, int index, int length) {
        if (detached) {
            Crc32c.update(crc, in, index, length);
            crcLength += length;
            return;
        }
        boolean inPlace = in == lent;
        lent = null;
        while (length > 0) {
            MemorySegment target = segments.get(segment);
            int piece = (int) Math.min(length, target.byteSize() - offset);
            MemorySegment landed = target.asSlice(offset, piece);
            if (!inPlace) {
                in.getBytes(index, landed.asByteBuffer());
            }
            crc.update(landed.asByteBuffer());
            crcLength += piece;
            index += piece;
            length -= piece;
            offset += piece;
            if (offset == target.byteSize()) {
                checksums[segment] = (int) crc.getValue();
                finished = Crc32c.combine(finished, checksums[segment], crcLength);
                crc.reset();
                crcLength = 0;
                segment++;
                offset = 0;
            }
        }
    }

    @Override
    public int checksum() {
        return Crc32c.combine(finished, (int) crc.getValue(), crcLength);
    }

    @Override
    public void complete() {
        if (!detached) {
            onComplete.run();
        }
    }

    @Override
    public void abandon() {
        detach();
    }
}
