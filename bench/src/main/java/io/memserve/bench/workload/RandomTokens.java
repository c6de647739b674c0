package io.memserve.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Token ids for generated text. They are drawn from {@code [FIRST, END)}: ordinary tokens in the vocabulary of every
 * generated preset (tiny has 1019 ordinary tokens, bench 32000) and of any real model, never a special token.
 */
public final class RandomTokens {
    public static final int FIRST = 16;
    public static final int END = 1000;

    private RandomTokens() {
    }

    public static int[] of(RandomGenerator random, int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(FIRST, END);
        }
        return ids;
    }
}
