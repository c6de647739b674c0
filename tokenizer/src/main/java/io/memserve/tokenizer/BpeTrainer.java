package io.memserve.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Learns byte-level BPE merges deterministically: words (pre-tokens in the byte alphabet) with their counts are merged
 * most frequent pair first, ties to the lowest ids. When no pair occurs twice any more, seeded synthetic merges of
 * existing tokens fill the vocabulary, so any size can be reached quickly from a small corpus.
 */
final class BpeTrainer {

    private static final int MAX_SYNTHETIC_BYTES = 12;

    /** The vocabulary (id order) and merges (rank order) learned. */
    record Result(List<String> tokens, List<String[]> merges) {
    }

    private final List<String> tokens = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String[]> merges = new ArrayList<>();
    private final List<int[]> words = new ArrayList<>();
    private final List<Long> frequencies = new ArrayList<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();

    private BpeTrainer() {
        for (int b = 0; b < 256; b++) {
            add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
    }

    /**
     * @param wordCounts pre-tokens written in the byte alphabet, with how often each occurs
     * @param size       number of tokens wanted, at least 256
     */
    static Result train(Map<String, Long> wordCounts, int size, long seed) {
        BpeTrainer trainer = new BpeTrainer();
        trainer.index(wordCounts);
        boolean corpusHasPairs = true;
        while (trainer.tokens.size() < size && corpusHasPairs) {
            corpusHasPairs = trainer.mergeMostFrequent();
        }
        SplittableRandom random = new SplittableRandom(seed);
        while (trainer.tokens.size() < size) {
            trainer.mergeSynthetic(random);
        }
        return new Result(List.copyOf(trainer.tokens), List.copyOf(trainer.merges));
    }

    private void add(String token) {
        ids.put(token, tokens.size());
        tokens.add(token);
    }

    private void index(Map<String, Long> wordCounts) {
        for (Map.Entry<String, Long> entry : wordCounts.entrySet()) {
            String word = entry.getKey();
            int[] symbols = new int[word.length()];
            for (int i = 0; i < word.length(); i++) {
                symbols[i] = ids.get(String.valueOf(word.charAt(i)));
            }
            words.add(symbols);
            frequencies.add(entry.getValue());
            countPairs(words.size() - 1, 1);
        }
    }

    private void countPairs(int word, int sign) {
        int[] symbols = words.get(word);
        long count = frequencies.get(word) * sign;
        for (int i = 0; i + 1 < symbols.length; i++) {
            long pair = pair(symbols[i], symbols[i + 1]);
            pairCounts.merge(pair, count, Long::sum);
            if (sign > 0) {
                pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(word);
            }
        }
    }

    private boolean mergeMostFrequent() {
        long best = -1;
        long bestCount = 1;
        for (Map.Entry<Long, Long> entry : pairCounts.entrySet()) {
            long count = entry.getValue();
            if (count > bestCount || (count == bestCount && best >= 0 && entry.getKey() < best)) {
                best = entry.getKey();
                bestCount = count;
            }
        }
        if (best < 0) {
            return false;
        }
        int left = (int) (best >>> 32);
        int right = (int) best;
        int merged = mergeId(left, right);
        for (int word : pairWords.remove(best).stream().sorted().toList()) {
            countPairs(word, -1);
            words.set(word, applyMerge(words.get(word), left, right, merged));
            countPairs(word, 1);
        }
        pairCounts.values().removeIf(count -> count <= 0);
        return true;
    }

    /** Joins two random tokens into a new one, as a merge no corpus word would have produced. */
    private void mergeSynthetic(SplittableRandom random) {
        while (true) {
            int left = random.nextInt(tokens.size());
            int right = random.nextInt(tokens.size());
            String joined = tokens.get(left) + tokens.get(right);
            if (joined.length() <= MAX_SYNTHETIC_BYTES && !ids.containsKey(joined)) {
                mergeId(left, right);
                return;
            }
        }
    }

    private int mergeId(int left, int right) {
        String joined = tokens.get(left) + tokens.get(right);
        merges.add(new String[] {tokens.get(left), tokens.get(right)});
        if (!ids.containsKey(joined)) {
            add(joined);
        }
        return ids.get(joined);
    }

    private static int[] applyMerge(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | right;
    }
}
