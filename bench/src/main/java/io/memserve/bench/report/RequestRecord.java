package io.memserve.bench.report;

/**
 * The timings and token counts of one request, as written in the report.
 *
 * @param startMs            when it was sent, from the run's first send
 * @param tpotMs             {@code null} for a one-token answer or a failed request
 * @param itlMs              the gaps between consecutive streamed chunks that carried tokens
 * @param oracleCachedTokens prompt tokens an infinite cache would have served
 */
public record RequestRecord(int session, int turn, double startMs, Double ttftMs, Double tpotMs, double jctMs,
        double[] itlMs, int promptTokens, int cachedTokens, int oracleCachedTokens, int completionTokens,
        String error) {
}
