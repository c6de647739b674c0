package io.memserve.engine.cli;

import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import io.memserve.engine.backend.CpuBackend;
import io.memserve.engine.sampling.Sampler;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prefill and decode throughput, and the two rates that bound decoding: at batch 1 a decode step must read every
 * weight once, so weight bytes / memory bandwidth is the fastest a step can be; at batch 16 each weight read serves 16
 * rows, so the step is bound by arithmetic instead, and 16 × multiply-adds per token / the multiply-add rate is the
 * fastest it can be.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure prefill and decode tokens/s, the memory read bandwidth and the multiply-add rate.")
final class BenchCommand implements Callable<Integer> {

    private static final int PREFILL_TOKENS = 512;
    private static final int DECODE_CONTEXT = 32;
    private static final int BATCH = 16;
    private static final long PROBE_BYTES = 2L << 30;
    /** Probe passes before, between and after the measurements. */
    private static final int PROBE_PASSES = 2;
    /** Decode steps of one round on fresh sequences; a timed round first takes {@link #ROUND_WARM_UP} untimed. */
    private static final int ROUND_STEPS = 32;
    private static final int ROUND_WARM_UP = 5;
    /** Timed rounds per batch size; the median is over the steps of all of them. */
    private static final int ROUNDS = 3;
    /** Warm-up ends once the JIT has compiled nothing for this long, or after the cap. */
    private static final long JIT_QUIET_NANOS = 2_000_000_000L;
    private static final long WARM_UP_CAP_NANOS = 60_000_000_000L;

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--json", description = "end with one line of JSON")
    boolean json;

    @Option(names = "--threads", description = "kernel threads (default: all cores)")
    Integer threads;

    @Option(names = "--steps", defaultValue = "15",
            description = "timed decode steps per round, " + ROUNDS + " rounds (default ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        try (Engine engine = Engine.load(model, new EngineOptions(256, cores));
                MemoryBandwidth probe = new MemoryBandwidth(((CpuBackend) engine.backend()).workers(), PROBE_BYTES)) {
            ComputePeak peak = new ComputePeak(((CpuBackend) engine.backend()).workers());
            long weightBytes = engine.model().decodeWeightBytes();
            long multiplyAdds = engine.model().multiplyAddsPerToken();
            sampleProbes(probe, peak);
            double prefill = prefillTokensPerSecond(engine);
            double warmUp1 = warmUp(engine, 1);
            sampleProbes(probe, peak);
            double decode1 = decodeTokensPerSecond(engine, 1);
            double warmUp16 = warmUp(engine, BATCH);
            sampleProbes(probe, peak);
            double decode16 = decodeTokensPerSecond(engine, BATCH);
            sampleProbes(probe, peak);
            double bandwidth = probe.best();
            double floorTokensPerSecond = bandwidth / weightBytes;
            double ceilingTokensPerSecond = peak.best() / multiplyAdds;
            String summary = String.format(Locale.ROOT, """
                    model %s: %d threads, %.1f MB of weights and %.1f M multiply-adds per token
                    prefill (%d-token prompt): %.1f tokens/s
                    decode batch 1: %.2f tokens/s (%.1f ms/step; %.1f s of warm-up until the JIT was quiet)
                    decode batch %d: %.2f tokens/s (%.1fx batch 1; %.1f s of warm-up)
                    memory read bandwidth: %.2f GB/s, so batch 1 can reach at most %.2f tokens/s: %.0f%% reached
                    multiply-add rate: %.1f G/s, so a batch can reach at most %.1f tokens/s (%.1fx batch 1): \
                    %.0f%% reached at batch %d""",
                    engine.modelId(), cores, weightBytes / 1e6, multiplyAdds / 1e6, PREFILL_TOKENS, prefill, decode1,
                    1000 / decode1, warmUp1, BATCH, decode16, decode16 / decode1, warmUp16, bandwidth / 1e9,
                    floorTokensPerSecond, 100 * decode1 / floorTokensPerSecond, peak.best() / 1e9,
                    ceilingTokensPerSecond, ceilingTokensPerSecond / decode1, 100 * decode16 / ceilingTokensPerSecond,
                    BATCH);
            System.out.println(summary);
            if (json) {
                System.out.println(String.format(Locale.ROOT, "{\"model\":\"%s\",\"threads\":%d,"
                        + "\"prefill_tokens_per_s\":%.2f,\"decode_tokens_per_s\":%.3f,"
                        + "\"decode_tokens_per_s_batch16\":%.3f,\"weight_bytes\":%d,\"memory_read_gb_per_s\":%.3f,"
                        + "\"bandwidth_floor_ms_per_token\":%.3f,\"fraction_of_bandwidth_floor\":%.3f,"
                        + "\"batch16_speedup\":%.2f,\"multiply_adds_per_token\":%d,"
                        + "\"multiply_add_g_per_s\":%.1f,\"compute_ceiling_tokens_per_s\":%.1f,"
                        + "\"fraction_of_compute_ceiling_batch16\":%.3f}",
                        engine.modelId(), cores, prefill, decode1, decode16, weightBytes, bandwidth / 1e9,
                        1000 / floorTokensPerSecond, decode1 / floorTokensPerSecond, decode16 / decode1, multiplyAdds,
                        peak.best() / 1e9, ceilingTokensPerSecond, decode16 / ceilingTokensPerSecond));
            }
        }
        return 0;
    }

    private static void sampleProbes(MemoryBandwidth probe, ComputePeak peak) {
        probe.sample(PROBE_PASSES);
        peak.sample(PROBE_PASSES);
    }

    private static double prefillTokensPerSecond(Engine engine) {
        int[] prompt = tokens(engine, PREFILL_TOKENS, 1);
        double[] seconds = new double[4];
        for (int run = 0; run < seconds.length; run++) {
            try (Sequence seq = engine.newSequence()) {
                long start = System.nanoTime();
                engine.step(List.of(SequenceStep.of(seq, prompt)));
                seconds[run] = (System.nanoTime() - start) / 1e9;
            }
        }
        return PREFILL_TOKENS / median(Arrays.copyOfRange(seconds, 1, seconds.length));
    }

    /**
     * Seconds of decode rounds at {@code batch} until the JIT has compiled nothing for {@link #JIT_QUIET_NANOS}: on two
     * cores a compilation in flight takes a core from the kernels, and C2 goes on recompiling a step's loops for
     * seconds after the first few steps. Rounds start fresh sequences, so the timed ones meet the same context lengths.
     */
    private static double warmUp(Engine engine, int batch) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long lastCompilation = start;
        long compiled = jit.getTotalCompilationTime();
        while (System.nanoTime() - lastCompilation < JIT_QUIET_NANOS && System.nanoTime() - start < WARM_UP_CAP_NANOS) {
            decodeRound(engine, batch, ROUND_STEPS, new double[0]);
            long now = jit.getTotalCompilationTime();
            if (now != compiled) {
                compiled = now;
                lastCompilation = System.nanoTime();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Tokens per second of greedy decode steps over {@code batch} sequences with short prompts: the median step. */
    private double decodeTokensPerSecond(Engine engine, int batch) {
        double[] seconds = new double[ROUNDS * steps];
        for (int round = 0; round < ROUNDS; round++) {
            double[] timed = new double[steps];
            decodeRound(engine, batch, ROUND_WARM_UP, timed);
            System.arraycopy(timed, 0, seconds, round * steps, steps);
        }
        return batch / median(seconds);
    }

    /**
     * Prefills {@code batch} fresh sequences with {@link #DECODE_CONTEXT} tokens, runs {@code untimed} decode steps,
     * then one timed step per element of {@code seconds}.
     */
    private static void decodeRound(Engine engine, int batch, int untimed, double[] seconds) {
        List<Sequence> sequences = new ArrayList<>();
        try {
            List<SequenceStep> prefills = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                Sequence seq = engine.newSequence();
                sequences.add(seq);
                prefills.add(SequenceStep.of(seq, tokens(engine, DECODE_CONTEXT, 100 + b)));
            }
            List<float[]> logits = engine.step(prefills);
            for (int s = 0; s < untimed + seconds.length; s++) {
                List<SequenceStep> decode = new ArrayList<>();
                for (int b = 0; b < batch; b++) {
                    decode.add(SequenceStep.of(sequences.get(b), Sampler.argmax(logits.get(b))));
                }
                long start = System.nanoTime();
                logits = engine.step(decode);
                if (s >= untimed) {
                    seconds[s - untimed] = (System.nanoTime() - start) / 1e9;
                }
            }
        } finally {
            sequences.forEach(Sequence::close);
        }
    }

    private static int[] tokens(Engine engine, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = random.nextInt(engine.config().vocabSize());
        }
        return tokens;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
