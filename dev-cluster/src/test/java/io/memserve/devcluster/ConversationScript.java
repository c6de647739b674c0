package io.memserve.devcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multi-turn conversation in token ids: the first prompt, then the new tokens each later turn appends after the
 * previous prompt and its answer (turn N+1 = turn N's prompt + answer + new tokens). Answers have a fixed length
 * ({@code ignore_eos}), so every run of the script asks exactly the same questions.
 *
 * <p>The default lengths keep prompt + answer off a multiple of 16: the last answer token's KV is never computed
 * (nothing is sampled after it), so only then do the full blocks of prompt + answer all have KV to write back.
 */
record ConversationScript(int[] firstPrompt, List<int[]> followUps, int answerTokens) {

    static final int FIRST_PROMPT = 37;
    static final int FOLLOW_UP = 19;
    static final int ANSWER = 21;
    static final int TURNS = 4;

    /** Ids well inside the tiny model's vocabulary and clear of the generated tokenizer's byte and special tokens. */
    private static final int LOWEST_ID = 300;
    private static final int HIGHEST_ID = 1000;

    static ConversationScript random(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> followUps = new ArrayList<>();
        for (int turn = 1; turn < TURNS; turn++) {
            followUps.add(tokens(random, FOLLOW_UP));
        }
        return new ConversationScript(tokens(random, FIRST_PROMPT), followUps, ANSWER);
    }

    int turns() {
        return followUps.size() + 1;
    }

    /** Turn {@code n}'s prompt, given the answers of the turns before it. */
    int[] prompt(int n, List<int[]> earlierAnswers) {
        int[] prompt = firstPrompt;
        for (int t = 1; t <= n; t++) {
            prompt = concat(concat(prompt, earlierAnswers.get(t - 1)), followUps.get(t - 1));
        }
        return prompt;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] tokens(SplittableRandom random, int count) {
        return random.ints(count, LOWEST_ID, HIGHEST_ID).toArray();
    }
}
