package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic random initial weights: each tensor draws from its own generator seeded by (seed, tensor name), so
 * the bytes depend on nothing else — not on the order or the threads the tensors are filled in. Values are made with
 * integer arithmetic and correctly rounded double operations only (no library gaussian, no transcendental functions),
 * so every JVM on every machine writes the same model: nodes that each generate "tiny" serve identical weights.
 */
final class RandomWeights {

    static final double LINEAR_STD = 0.02;
    static final double NORM_STD = 0.1;

    /** Mean and standard deviation of the sum of four independent uniforms on {0, ..., 65535}. */
    private static final double SUM_MEAN = 4 * 65535 / 2.0;
    private static final double SUM_STD = Math.sqrt(4 * (65536.0 * 65536.0 - 1) / 12);

    private RandomWeights() {
    }

    /**
     * About Normal(0, 0.02) for matrices; norm scales about 1 + Normal(0, 0.1), so they differ from 1 and a kernel
     * that ignores them gives visibly different results.
     */
    static TensorFill forTensor(long seed, String name, DType dtype) {
        boolean norm = LlamaTensors.isNorm(name);
        double mean = norm ? 1.0 : 0.0;
        double std = norm ? NORM_STD : LINEAR_STD;
        long tensorSeed = new SplittableRandom(seed).nextLong() ^ fnv1a(name);
        return target -> {
            SplittableRandom random = new SplittableRandom(tensorSeed);
            long n = target.byteSize() / dtype.bytes();
            for (long i = 0; i < n; i++) {
                FloatCodec.write(target, dtype, i, (float) (mean + std * standardNormal(random.nextLong())));
            }
        };
    }

    /** Irwin–Hall: the sum of the four 16-bit fields of {@code bits}, standardised; normal to within a few percent. */
    private static double standardNormal(long bits) {
        long sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        return (sum - SUM_MEAN) / SUM_STD;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }
}
