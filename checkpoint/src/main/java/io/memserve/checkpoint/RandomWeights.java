package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic random initial weights: each tensor draws from its own generator seeded by (seed, tensor name), so
 * the bytes depend on nothing else — not on the order or the threads the tensors are filled in.
 */
final class RandomWeights {

    static final double LINEAR_STD = 0.02;
    static final double NORM_STD = 0.1;

    private RandomWeights() {
    }

    /**
     * Normal(0, 0.02) for matrices; norm scales 1 + Normal(0, 0.1), so they differ from 1 and a kernel that ignores
     * them gives visibly different results.
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
                FloatCodec.write(target, dtype, i, (float) random.nextGaussian(mean, std));
            }
        };
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }
}
