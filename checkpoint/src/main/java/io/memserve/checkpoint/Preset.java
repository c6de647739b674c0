package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.util.Locale;

/** Models the generator knows by name; the generated directory, and so the model id, is the preset's {@link #id()}. */
public enum Preset {

    /** About 1M parameters: fast enough for every test and for a laptop cluster. */
    TINY(new ModelShape(1024, 128, 344, 4, 4, 2, 32, 2048, 1e-5, 10000.0, null, DType.F32, false)),

    /** About 125M parameters in BF16 (≈250 MB): big enough for benchmarks to measure memory traffic. */
    BENCH(new ModelShape(32000, 768, 2048, 12, 12, 4, 64, 4096, 1e-5, 10000.0, null, DType.BF16, false));

    private final ModelShape shape;

    Preset(ModelShape shape) {
        this.shape = shape;
    }

    public ModelShape shape() {
        return shape;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Preset fromId(String id) {
        for (Preset p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset " + id + " (tiny and bench are known)");
    }
}
