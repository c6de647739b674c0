package io.memserve.mempool.protocol;

/**
 * Why a data-plane operation failed. Codes below 1000 travel in ERROR frames; the others are raised locally by the
 * client and never appear on the wire (docs/mempool-protocol.md, "Errors").
 */
public enum ErrorCode {
    BAD_MAGIC(1),
    UNSUPPORTED_VERSION(2),
    BAD_CHECKSUM(3),
    FRAME_TOO_LARGE(4),
    UNKNOWN_OPCODE(5),
    MALFORMED(6),
    TRUNCATED(7),
    NOT_AUTHENTICATED(8),
    AUTH_FAILED(9),
    HANDSHAKE_TIMEOUT(10),
    BLOCK_ACCESS(11),
    BLOCK_SIZE_MISMATCH(12),
    INTERNAL(13),

    CONNECTION_FAILED(1000),
    CONNECTION_LOST(1001),
    TIMEOUT(1002),
    CLIENT_CLOSED(1003);

    private final int wireCode;

    ErrorCode(int wireCode) {
        this.wireCode = wireCode;
    }

    public int wireCode() {
        return wireCode;
    }

    /** Whether this code may be sent in an ERROR frame. */
    public boolean onWire() {
        return wireCode < 1000;
    }

    /** The code of a received ERROR frame; a code this version does not know reads as {@link #INTERNAL}. */
    public static ErrorCode fromWire(int wireCode) {
        for (ErrorCode code : values()) {
            if (code.onWire() && code.wireCode == wireCode) {
                return code;
            }
        }
        return INTERNAL;
    }
}
