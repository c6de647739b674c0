package io.memserve.kvblock;

/**
 * The byte layout of one KV block: {@link #TOKENS_PER_BLOCK} consecutive tokens for every layer, K and V, in one
 * contiguous buffer ordered {@code [layer][K|V][kvHead][token][headDim]}. The engine's KV pages use exactly this
 * layout, so a block moves between an engine and a pool as a single copy, and all layers travel in one network call.
 */
public record BlockLayout(int layers, int kvHeads, int headDim, DType dtype) {

    public static final int TOKENS_PER_BLOCK = 16;

    public static final int K = 0;
    public static final int V = 1;

    public BlockLayout {
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("layers, kvHeads and headDim must be positive: " + layers + ", "
                    + kvHeads + ", " + headDim);
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is required");
        }
    }

    /** Elements in one block. */
    public long elements() {
        return (long) layers * 2 * kvHeads * TOKENS_PER_BLOCK * headDim;
    }

    public long bytes() {
        return elements() * dtype.bytes();
    }

    /** Element index of {@code [layer][kv][kvHead][token][0]} inside a block. */
    public long elementIndex(int layer, int kv, int kvHead, int token) {
        return ((((long) layer * 2 + kv) * kvHeads + kvHead) * TOKENS_PER_BLOCK + token) * headDim;
    }

    /** A stable name of this layout; part of every block key, so blocks of different layouts never collide. */
    public String id() {
        return "L" + layers + "-H" + kvHeads + "-D" + headDim + "-" + dtype.name() + "-T" + TOKENS_PER_BLOCK;
    }

    /** Parses {@link #id()}. */
    public static BlockLayout parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("-");
        if (parts.length != 5 || !parts[0].startsWith("L") || !parts[1].startsWith("H") || !parts[2].startsWith("D")
                || !parts[4].equals("T" + TOKENS_PER_BLOCK)) {
            throw new IllegalArgumentException("not a block layout id: " + id);
        }
        try {
            return new BlockLayout(Integer.parseInt(parts[0].substring(1)), Integer.parseInt(parts[1].substring(1)),
                    Integer.parseInt(parts[2].substring(1)), DType.valueOf(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a block layout id: " + id, e);
        }
    }
}
