package io.memserve.bench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import io.memserve.bench.client.Exchange;
import org.junit.jupiter.api.Test;

class OracleHitRateTest {

    /** Tokens {@code from, from+1, ..., from+count-1}. */
    private static int[] run(int from, int count) {
        return IntStream.range(from, from + count).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }

    private static Exchange done(long start, int[] prompt, int[] answer) {
        return new Exchange(0, 0, start, new double[] {1}, 2, prompt, answer, prompt.length, 0, answer.length, null);
    }

    @Test
    void theFirstRequestFindsNothing() {
        assertArrayEquals(new int[] {0}, OracleHitRate.servableTokens(List.of(done(1, run(0, 100), run(500, 4)))));
    }

    @Test
    void aSharedPrefixCountsInWholeBlocks() {
        int[] first = run(0, 40);
        int[] second = concat(first, run(1000, 10));
        // the first prompt holds 2 full blocks (32 tokens); the second could use 3, only 2 were ever seen
        assertArrayEquals(new int[] {0, 32},
                OracleHitRate.servableTokens(List.of(done(1, first, run(500, 1)), done(2, second, run(600, 1)))));
    }

    @Test
    void theLastPromptTokenIsAlwaysRecomputed() {
        int[] prompt = run(0, 32);
        // the same 32-token prompt again: only one block can be served, the last token needs computing
        assertArrayEquals(new int[] {0, 16},
                OracleHitRate.servableTokens(List.of(done(1, prompt, run(500, 1)), done(2, prompt, run(600, 1)))));
    }

    @Test
    void decodeWriteBackCoversPromptAndAnswerLessItsLastToken() {
        int[] prompt = run(0, 20);
        int[] answer = run(500, 12);
        int[] next = concat(concat(prompt, answer), run(1000, 10));
        // prompt + answer is 32 tokens but only 31 have KV: one block, not two
        assertArrayEquals(new int[] {0, 16},
                OracleHitRate.servableTokens(List.of(done(1, prompt, answer), done(2, next, run(600, 4)))));
        int[] longer = run(500, 14);
        int[] after = concat(concat(prompt, longer), run(1000, 10));
        assertArrayEquals(new int[] {0, 32},
                OracleHitRate.servableTokens(List.of(done(1, prompt, longer), done(2, after, run(600, 4)))));
    }

    @Test
    void requestsCountInTheOrderTheyWereSentNotListed() {
        int[] prompt = run(0, 64);
        List<Exchange> listedLateFirst = List.of(done(9, prompt, run(500, 2)), done(3, prompt, run(600, 2)));
        assertArrayEquals(new int[] {48, 0}, OracleHitRate.servableTokens(listedLateFirst));
    }

    @Test
    void aDivergingBlockEndsTheMatch() {
        int[] first = run(0, 64);
        int[] second = first.clone();
        second[20] = 7;
        assertArrayEquals(new int[] {0, 16},
                OracleHitRate.servableTokens(List.of(done(1, first, run(500, 1)), done(2, second, run(600, 1)))));
    }

    @Test
    void aFailedRequestLeavesItsPromptButNoAnswer() {
        int[] prompt = run(0, 20);
        Exchange failed = Exchange.failed(0, 0, 1, prompt, 5, "HTTP 503");
        int[] next = concat(prompt, run(500, 30));
        assertArrayEquals(new int[] {0, 16}, OracleHitRate.servableTokens(List.of(failed, done(2, next, run(9, 1)))));
    }

    @Test
    void cacheServesOnlyRememberedChains() {
        OracleCache cache = new OracleCache();
        cache.remember(run(0, 48));
        assertEquals(48, cache.servable(run(0, 49)));
        assertEquals(32, cache.servable(run(0, 48)));
        assertEquals(0, cache.servable(run(16, 49)));
        assertEquals(0, cache.servable(run(0, 1)));
    }
}
