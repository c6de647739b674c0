package io.memserve.bench.run;

import io.memserve.bench.stats.Slo;
import io.memserve.bench.workload.Workload;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code compare} share: what load to send and how to judge it. */
public final class WorkloadOptions {

    @Option(names = "--workload", required = true, converter = WorkloadConverter.class,
            description = "multi-turn, long-doc, agent or shared-prefix.")
    Workload workload;

    @Option(names = "--sessions", defaultValue = "32", description = "Sessions to run. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--rate", defaultValue = "1",
            description = "Session arrivals per second (Poisson); Infinity starts all at once. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the workload. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scale", defaultValue = "1",
            description = "Multiplies every token length of the workload. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--max-context", description = "Context bound of a session's requests. Default: the served "
            + "model's max_model_len.")
    Integer maxContext;

    @Option(names = "--think-ms", description = "Mean think time between turns (exponential). Default: the workload's.")
    Double thinkMs;

    @Option(names = "--max-concurrency", description = "Most requests in flight at once. Default: no limit.")
    Integer maxConcurrency;

    @Option(names = "--slo-ttft-ms", description = "TTFT objective for goodput.")
    Double sloTtftMs;

    @Option(names = "--slo-tpot-ms", description = "TPOT objective for goodput.")
    Double sloTpotMs;

    @Option(names = "--model", description = "Model to ask for. Default: the first one GET /v1/models lists.")
    String model;

    @Option(names = "--warmup", defaultValue = "8", description = "Unmeasured requests sent one by one before the "
            + "run (256-token prompts sharing nothing with the workload), so the services' JIT is warm. Default: "
            + "${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--response-timeout-s", defaultValue = "600",
            description = "Longest wait for a response to start. Default: ${DEFAULT-VALUE}.")
    long responseTimeoutS;

    /** Refuses bad values before anything is started. */
    void validate() {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (sessions < 1 || !(rate > 0) || !(scale > 0) || responseTimeoutS < 1) {
            throw new IllegalArgumentException("--sessions, --rate, --scale and --response-timeout-s must be positive");
        }
        if (maxConcurrency != null && maxConcurrency < 1) {
            throw new IllegalArgumentException("--max-concurrency must be at least 1");
        }
        if (maxContext != null && maxContext < 2) {
            throw new IllegalArgumentException("--max-context must be at least 2");
        }
        if (thinkMs != null && !(thinkMs >= 0)) {
            throw new IllegalArgumentException("--think-ms must not be negative");
        }
        new Slo(sloTtftMs, sloTpotMs);
    }
}
