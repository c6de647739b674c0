package io.memserve.mempool.protocol;

/** The fixed frame header (docs/mempool-protocol.md, "Frame"); every field is big-endian. */
final class FrameFormat {

    /** "MSKV". */
    static final int MAGIC = 0x4D534B56;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 24;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int OPCODE_OFFSET = 5;
    static final int FLAGS_OFFSET = 6;
    static final int REQUEST_ID_OFFSET = 8;
    static final int LENGTH_OFFSET = 12;
    static final int PAYLOAD_CRC_OFFSET = 16;
    static final int HEADER_CRC_OFFSET = 20;

    /**
     * Largest frame a peer that has not authenticated may send: the handshake frames are under 100 bytes, and a
     * stranger must not make the server buffer megabytes.
     */
    static final int UNAUTHENTICATED_MAX_FRAME_BYTES = 1024;

    /** Longest message an ERROR frame carries, in UTF-8 bytes. */
    static final int MAX_ERROR_MESSAGE_BYTES = 1024;

    private FrameFormat() {
    }
}
