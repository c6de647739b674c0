package io.memserve.mempool.protocol;

/** What a frame carries (docs/mempool-protocol.md, "Opcodes"). */
enum Opcode {
    HELLO(0x01),
    CHALLENGE(0x02),
    AUTH(0x03),
    AUTH_OK(0x04),
    PUT(0x10),
    PUT_OK(0x11),
    GET(0x12),
    GET_DATA(0x13),
    ERROR(0x7F);

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The opcode with this byte value, or null for one this version does not know. */
    static Opcode of(int code) {
        return BY_CODE[code & 0xFF];
    }
}
