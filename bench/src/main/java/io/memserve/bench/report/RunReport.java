package io.memserve.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.memserve.bench.client.Exchange;
import io.memserve.bench.stats.Goodput;
import io.memserve.bench.stats.LatencySummary;
import io.memserve.bench.stats.OracleHitRate;
import io.memserve.bench.stats.Slo;

/**
 * A run's result file. Latency summaries, throughputs and token shares count the requests that finished; failed ones
 * are counted in {@code failed} and listed with their error. The duration runs from the first send to the last
 * stream's end.
 *
 * @param goodput   requests per second meeting both SLOs; {@code null} when no SLO was given
 * @param hitRate   cached prompt tokens (as the server reported them) over prompt tokens
 * @param errors    each distinct error with how many requests it ended
 */
public record RunReport(RunSettings settings, double durationS, int completed, int failed,
        double requestThroughput, double outputThroughput, Double goodput, LatencySummary ttftMs,
        LatencySummary tpotMs, LatencySummary itlMs, LatencySummary jctMs, long promptTokens, long cachedTokens,
        double hitRate, long oracleCachedTokens, double oracleHitRate, Map<String, Integer> errors,
        List<RequestRecord> requests) {

    public static RunReport of(RunSettings settings, List<Exchange> exchanges) {
        long firstStart = exchanges.stream().mapToLong(Exchange::startNanos).min().orElse(0);
        int[] servable = OracleHitRate.servableTokens(exchanges);
        List<RequestRecord> records = new ArrayList<>(exchanges.size());
        for (int i = 0; i < exchanges.size(); i++) {
            records.add(record(exchanges.get(i), (exchanges.get(i).startNanos() - firstStart) / 1e6, servable[i]));
        }
        List<RequestRecord> ok = records.stream().filter(r -> r.error() == null).toList();
        double end = records.stream().mapToDouble(r -> r.startMs() + r.jctMs()).max().orElse(0);
        double durationS = Math.max(end / 1000.0, 1e-9);
        long prompt = ok.stream().mapToLong(RequestRecord::promptTokens).sum();
        long cached = ok.stream().mapToLong(RequestRecord::cachedTokens).sum();
        long oracle = ok.stream().mapToLong(RequestRecord::oracleCachedTokens).sum();
        long output = ok.stream().mapToLong(RequestRecord::completionTokens).sum();
        double[] ttft = ok.stream().mapToDouble(RequestRecord::ttftMs).toArray();
        Double[] tpot = ok.stream().map(RequestRecord::tpotMs).toArray(Double[]::new);
        Slo slo = new Slo(settings.sloTtftMs(), settings.sloTpotMs());
        Map<String, Integer> errors = new LinkedHashMap<>();
        records.stream().filter(r -> r.error() != null).forEach(r -> errors.merge(r.error(), 1, Integer::sum));
        return new RunReport(settings, durationS, ok.size(), records.size() - ok.size(), ok.size() / durationS,
                output / durationS, slo.isSet() ? Goodput.perSecond(ttft, tpot, slo, durationS) : null,
                LatencySummary.of(ttft),
                LatencySummary.of(ok.stream().filter(r -> r.tpotMs() != null).mapToDouble(RequestRecord::tpotMs)
                        .toArray()),
                LatencySummary.of(ok.stream().flatMapToDouble(r -> Arrays.stream(r.itlMs())).toArray()),
                LatencySummary.of(ok.stream().mapToDouble(RequestRecord::jctMs).toArray()),
                prompt, cached, share(cached, prompt), oracle, share(oracle, prompt), errors, records);
    }

    private static RequestRecord record(Exchange e, double startMs, int servable) {
        double[] chunks = e.chunkMs();
        if (!e.ok()) {
            return new RequestRecord(e.session(), e.turn(), startMs, null, null, e.endMs(), new double[0],
                    e.promptIds().length, 0, servable, 0, e.error());
        }
        double[] itl = new double[chunks.length - 1];
        for (int i = 1; i < chunks.length; i++) {
            itl[i - 1] = chunks[i] - chunks[i - 1];
        }
        int tokens = e.answerIds().length;
        Double tpot = tokens > 1 ? (chunks[chunks.length - 1] - chunks[0]) / (tokens - 1) : null;
        return new RequestRecord(e.session(), e.turn(), startMs, chunks[0], tpot, e.endMs(), itl, e.promptTokens(),
                e.cachedTokens(), servable, e.completionTokens(), null);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
