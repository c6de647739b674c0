package io.memserve.bench.report;

/** What a run was asked to do, echoed into its report so a result file says how it was made. */
public record RunSettings(String workload, String url, String model, long seed, int sessions, double rate,
        double scale, int maxContext, Double thinkMs, Integer maxConcurrency, Double sloTtftMs, Double sloTpotMs) {
}
