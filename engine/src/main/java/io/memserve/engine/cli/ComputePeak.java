package io.memserve.engine.cli;

import io.memserve.engine.backend.WorkerPool;
import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float multiply-add rate as the engine can use it: every worker running independent chains of Vector
 * API multiply-adds with nothing to load inside the loop; the best pass. A batched decode step is bound by this rather than by memory
 * once each weight it reads is used by a few rows, so weight multiply-adds per token / this rate is the fastest a
 * batch can decode. Passes are taken at the same moments as {@link MemoryBandwidth}'s, for the same reason: on a shared
 * machine the best pass is the cores' own rate.
 */
final class ComputePeak {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /**
     * Independent chains in {@link #chains}, written out so each stays in a register: more than a core's multiply-add
     * latency times its multiply-add units. How the loop is written decides whether C2 reaches the cores' rate (a Zen 4
     * core: 58 G/s): each chain's value must be the addend, as a kernel's accumulator is (a loop-invariant addend is
     * copied into a fresh register before every multiply-add), and the invariant operands must come from a vector load
     * (a {@code broadcast} is re-done before every use, which held a core at 42 G/s).
     */
    private static final int CHAINS = 16;
    /** Short calls, many per pass, so the JIT compiles the kernel as a method early in the first pass. */
    private static final int ITERATIONS_PER_CALL = 20_000;
    private static final int CALLS_PER_PASS = 200;

    private final WorkerPool workers;
    private final DoubleAdder sink = new DoubleAdder();
    private double best;

    ComputePeak(WorkerPool workers) {
        this.workers = workers;
    }

    /** Runs {@code passes} more passes on every worker. */
    void sample(int passes) {
        int threads = workers.threads();
        double multiplyAdds = (double) threads * CALLS_PER_PASS * ITERATIONS_PER_CALL * CHAINS * SPECIES.length();
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            workers.parallelFor(threads, t -> {
                for (int call = 0; call < CALLS_PER_PASS; call++) {
                    sink.add(chains(t + call));
                }
            });
            long elapsed = System.nanoTime() - start;
            best = Math.max(best, multiplyAdds / (elapsed / 1e9));
        }
    }

    /** Multiply-adds per second of the best pass so far, all workers together. */
    double best() {
        if (sink.sum() == 0) {
            throw new IllegalStateException("the probe computed nothing");
        }
        return best;
    }

    private static float chains(int seed) {
        float[] operands = new float[2 * SPECIES.length()];
        Arrays.fill(operands, 0, SPECIES.length(), 0.999f);
        Arrays.fill(operands, SPECIES.length(), operands.length, 1 + seed % 7);
        FloatVector factor = FloatVector.fromArray(SPECIES, operands, 0);
        FloatVector step = FloatVector.fromArray(SPECIES, operands, SPECIES.length());
        FloatVector c0 = step.add(0), c1 = step.add(1), c2 = step.add(2), c3 = step.add(3);
        FloatVector c4 = step.add(4), c5 = step.add(5), c6 = step.add(6), c7 = step.add(7);
        FloatVector c8 = step.add(8), c9 = step.add(9), c10 = step.add(10), c11 = step.add(11);
        FloatVector c12 = step.add(12), c13 = step.add(13), c14 = step.add(14), c15 = step.add(15);
        for (int i = 0; i < ITERATIONS_PER_CALL; i++) {
            c0 = factor.fma(step, c0);
            c1 = factor.fma(step, c1);
            c2 = factor.fma(step, c2);
            c3 = factor.fma(step, c3);
            c4 = factor.fma(step, c4);
            c5 = factor.fma(step, c5);
            c6 = factor.fma(step, c6);
            c7 = factor.fma(step, c7);
            c8 = factor.fma(step, c8);
            c9 = factor.fma(step, c9);
            c10 = factor.fma(step, c10);
            c11 = factor.fma(step, c11);
            c12 = factor.fma(step, c12);
            c13 = factor.fma(step, c13);
            c14 = factor.fma(step, c14);
            c15 = factor.fma(step, c15);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }
}
