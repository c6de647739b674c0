package io.memserve.engine;

/**
 * @param kvPages capacity of the KV page pool, 16 tokens per page
 * @param threads CPU threads for the kernels, the calling thread included
 */
public record EngineOptions(int kvPages, int threads) {

    public EngineOptions {
        if (kvPages < 1) {
            throw new IllegalArgumentException("kvPages must be at least 1: " + kvPages);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    /** A pool of {@code kvPages} pages and one thread per available core. */
    public static EngineOptions withPages(int kvPages) {
        return new EngineOptions(kvPages, Runtime.getRuntime().availableProcessors());
    }
}
