package io.memserve.bench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.memserve.bench.report.RequestRecord;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.RunSettings;
import io.memserve.bench.report.SummaryTable;

/**
 * The comparison as one self-contained HTML file: the side-by-side table, CDFs of JCT and TTFT, hit rate against the
 * oracle per configuration, and JCT and TTFT of every request over the run's time.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(List<String> names, List<RunReport> reports) {
        RunSettings s = reports.getFirst().settings();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MemServe: ")
                .append(HtmlText.escape(s.workload())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "td:first-child{text-align:left}svg{margin:1em 1em 0 0}</style></head><body>\n");
        html.append("<h1>").append(HtmlText.escape(s.workload())).append("</h1>\n<p>")
                .append(HtmlText.escape(String.format(Locale.ROOT,
                        "%d sessions at %s sessions/s, seed %d, scale %s, context %d, model %s", s.sessions(),
                        s.rate(), s.seed(), s.scale(), s.maxContext(), s.model())))
                .append("</p>\n");
        table(html, SummaryTable.rows(names, reports));
        html.append(SvgChart.plot("CDF of JCT", "JCT (ms)", "share of requests",
                cdfs(names, reports, RequestRecord::jctMs), true));
        html.append(SvgChart.plot("CDF of TTFT", "TTFT (ms)", "share of requests",
                cdfs(names, reports, RequestRecord::ttftMs), true));
        double[][] hits = new double[reports.size()][];
        for (int i = 0; i < reports.size(); i++) {
            hits[i] = new double[] {100 * reports.get(i).hitRate(), 100 * reports.get(i).oracleHitRate()};
        }
        html.append(SvgChart.bars("Prompt tokens served from cache", "% of prompt tokens", names,
                List.of("hit rate", "oracle"), hits, 100));
        html.append(SvgChart.plot("JCT over time", "request sent at (s)", "JCT (ms)",
                overTime(names, reports, RequestRecord::jctMs), false));
        html.append(SvgChart.plot("TTFT over time", "request sent at (s)", "TTFT (ms)",
                overTime(names, reports, RequestRecord::ttftMs), false));
        return html.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder html, List<String[]> rows) {
        html.append("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            String cell = r == 0 ? "th" : "td";
            html.append("<tr>");
            for (String value : rows.get(r)) {
                html.append('<').append(cell).append('>').append(HtmlText.escape(value)).append("</").append(cell)
                        .append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static List<RequestRecord> finished(RunReport report) {
        return report.requests().stream().filter(r -> r.error() == null).toList();
    }

    private static List<SvgChart.Series> cdfs(List<String> names, List<RunReport> reports,
            ToDoubleFunction<RequestRecord> metric) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            double[] xs = finished(reports.get(i)).stream().mapToDouble(metric).sorted().toArray();
            double[] ys = new double[xs.length];
            Arrays.setAll(ys, p -> (p + 1.0) / xs.length);
            series.add(new SvgChart.Series(names.get(i), xs, ys));
        }
        return series;
    }

    private static List<SvgChart.Series> overTime(List<String> names, List<RunReport> reports,
            ToDoubleFunction<RequestRecord> metric) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            List<RequestRecord> done = finished(reports.get(i));
            series.add(new SvgChart.Series(names.get(i),
                    done.stream().mapToDouble(r -> r.startMs() / 1000).toArray(),
                    done.stream().mapToDouble(metric).toArray()));
        }
        return series;
    }
}
