package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import java.util.HashSet;
import java.util.Set;

/**
 * The block list at the start of every PUT and GET payload: u32 count, then count entries of u64 address and u32
 * length. A PUT's block bytes follow it in the same order.
 */
record BlockTable(long[] addresses, int[] lengths) {

    static final int ENTRY_BYTES = 12;

    static int bytesFor(int count) {
        return 4 + ENTRY_BYTES * count;
    }

    int count() {
        return addresses.length;
    }

    long dataBytes() {
        long sum = 0;
        for (int length : lengths) {
            sum += length;
        }
        return sum;
    }

    void writeTo(ByteBuf out) {
        out.writeInt(addresses.length);
        for (int i = 0; i < addresses.length; i++) {
            out.writeLong(addresses[i]);
            out.writeInt(lengths[i]);
        }
    }

    /** @throws RequestRefused MALFORMED for a count of 0 or one whose entries do not fit in the payload */
    static void requireFits(long count, long payloadBytes) {
        if (count == 0) {
            throw new RequestRefused(ErrorCode.MALFORMED, "block count is 0");
        }
        if (count * ENTRY_BYTES > payloadBytes - 4) {
            throw new RequestRefused(ErrorCode.MALFORMED,
                    "block count " + count + " does not fit in a " + payloadBytes + "-byte payload");
        }
    }

    /**
     * Reads the table at the start of a payload, leaving the reader index after it.
     *
     * @throws RequestRefused MALFORMED for an empty table, one longer than the payload, or a zero length
     */
    static BlockTable read(ByteBuf payload) {
        if (payload.readableBytes() < 4) {
            throw new RequestRefused(ErrorCode.MALFORMED, "payload too short for a block count");
        }
        long count = payload.readUnsignedInt();
        requireFits(count, payload.readableBytes() + 4);
        long[] addresses = new long[(int) count];
        int[] lengths = new int[(int) count];
        for (int i = 0; i < count; i++) {
            addresses[i] = payload.readLong();
            long length = payload.readUnsignedInt();
            if (length == 0 || length > Integer.MAX_VALUE) {
                throw new RequestRefused(ErrorCode.MALFORMED, "block " + i + " has length " + length);
            }
            lengths[i] = (int) length;
        }
        return new BlockTable(addresses, lengths);
    }

    /** @throws RequestRefused MALFORMED if an address appears twice, which would make a PUT's outcome ambiguous */
    void requireDistinct() {
        Set<Long> seen = new HashSet<>(addresses.length * 2);
        for (long address : addresses) {
            if (!seen.add(address)) {
                throw new RequestRefused(ErrorCode.MALFORMED, "address " + Addresses.hex(address) + " appears twice");
            }
        }
    }
}
