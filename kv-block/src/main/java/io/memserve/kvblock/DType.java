package io.memserve.kvblock;

/** Element types a model's weights and KV cache can be stored in. */
public enum DType {
    F32(4),
    BF16(2),
    F16(2);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** The name safetensors uses in its header. */
    public String safetensorsName() {
        return name();
    }

    public static DType fromSafetensorsName(String name) {
        for (DType t : values()) {
            if (t.safetensorsName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype " + name + " (F32, BF16 and F16 are)");
    }
}
