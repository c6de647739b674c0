package io.memserve.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.memserve.bench.stats.LatencySummary;

/** The end-of-run table: one column per report, so one run prints alone and a comparison side by side. */
public final class SummaryTable {

    private SummaryTable() {
    }

    /** The table as monospaced text. */
    public static String render(List<String> names, List<RunReport> reports) {
        return layout(rows(names, reports));
    }

    /** The header row (an empty corner, then the names) and one row per figure. */
    public static List<String[]> rows(List<String> names, List<RunReport> reports) {
        List<String[]> rows = new ArrayList<>();
        rows.add(header(names));
        add(rows, reports, "requests ok / failed", r -> r.completed() + " / " + r.failed());
        add(rows, reports, "duration (s)", r -> fmt(r.durationS()));
        add(rows, reports, "request throughput (req/s)", r -> fmt(r.requestThroughput()));
        add(rows, reports, "output throughput (tok/s)", r -> fmt(r.outputThroughput()));
        add(rows, reports, "goodput (req/s)", r -> r.goodput() == null ? "-" : fmt(r.goodput()));
        latency(rows, reports, "TTFT", RunReport::ttftMs);
        latency(rows, reports, "TPOT", RunReport::tpotMs);
        latency(rows, reports, "ITL", RunReport::itlMs);
        latency(rows, reports, "JCT", RunReport::jctMs);
        add(rows, reports, "prompt tokens", r -> Long.toString(r.promptTokens()));
        add(rows, reports, "cached tokens", r -> Long.toString(r.cachedTokens()));
        add(rows, reports, "hit rate", r -> percent(r.hitRate()));
        add(rows, reports, "oracle hit rate", r -> percent(r.oracleHitRate()));
        add(rows, reports, "hit rate / oracle", r -> r.oracleHitRate() == 0 ? "-"
                : percent(r.hitRate() / r.oracleHitRate()));
        return rows;
    }

    private static String[] header(List<String> names) {
        String[] row = new String[names.size() + 1];
        row[0] = "";
        for (int i = 0; i < names.size(); i++) {
            row[i + 1] = names.get(i);
        }
        return row;
    }

    private static void latency(List<String[]> rows, List<RunReport> reports, String name,
            Function<RunReport, LatencySummary> of) {
        add(rows, reports, name + " mean (ms)", r -> fmt(of.apply(r).mean()));
        add(rows, reports, name + " p50 (ms)", r -> fmt(of.apply(r).p50()));
        add(rows, reports, name + " p90 (ms)", r -> fmt(of.apply(r).p90()));
        add(rows, reports, name + " p99 (ms)", r -> fmt(of.apply(r).p99()));
    }

    private static void add(List<String[]> rows, List<RunReport> reports, String label,
            Function<RunReport, String> cell) {
        String[] row = new String[reports.size() + 1];
        row[0] = label;
        for (int i = 0; i < reports.size(); i++) {
            row[i + 1] = cell.apply(reports.get(i));
        }
        rows.add(row);
    }

    private static String layout(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format("%-" + widths[0] + "s", row[0]));
            for (int c = 1; c < row.length; c++) {
                out.append("  ").append(String.format("%" + widths[c] + "s", row[c]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String fmt(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
