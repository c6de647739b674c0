package io.memserve.bench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.memserve.bench.client.Exchange;

/**
 * The oracle's share of each request's prompt, from the token ids actually sent, in the order they were sent. After
 * a request, the cache holds its prompt and, when it finished, its prompt plus answer less the last answer token: the
 * KV a decode instance writes back (the last sampled token is never fed, so it has no KV).
 */
public final class OracleHitRate {

    private OracleHitRate() {
    }

    /** Servable prompt tokens of each exchange, indexed like {@code exchanges}. */
    public static int[] servableTokens(List<Exchange> exchanges) {
        Integer[] order = new Integer[exchanges.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> exchanges.get(i).startNanos()));
        OracleCache cache = new OracleCache();
        int[] servable = new int[exchanges.size()];
        for (int i : order) {
            Exchange e = exchanges.get(i);
            servable[i] = cache.servable(e.promptIds());
            cache.remember(e.promptIds());
            if (e.ok() && e.answerIds().length > 1) {
                int[] written = Arrays.copyOf(e.promptIds(), e.promptIds().length + e.answerIds().length - 1);
                System.arraycopy(e.answerIds(), 0, written, e.promptIds().length, e.answerIds().length - 1);
                cache.remember(written);
            }
        }
        return servable;
    }
}
