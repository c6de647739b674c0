package io.memserve.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.memserve.bench.client.Exchange;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.RunSettings;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static RunReport report(double ttft) {
        RunSettings settings = new RunSettings("long-doc", "u", "tiny", 1, 1, 1, 1, 2048, null, null, null, null);
        return RunReport.of(settings, List.of(
                new Exchange(0, 0, 0, new double[] {ttft, ttft + 5}, ttft + 9, new int[40], new int[2], 40, 16, 2,
                        null)));
    }

    @Test
    void selfContainedWithTableAndFiveCharts() {
        String html = HtmlReport.render(List.of("colocated", "pd<cache>"), List.of(report(100), report(40)));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(5, html.split("<svg ", -1).length - 1);
        assertTrue(html.contains("<th>pd&lt;cache&gt;</th>"), html);
        assertTrue(html.contains("CDF of JCT") && html.contains("CDF of TTFT") && html.contains("JCT over time"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && html.contains("src=\"http"));
    }

    @Test
    void axesEndAtRoundNumbers() {
        assertEquals(250, SvgChart.roundUp(201));
        assertEquals(0.5, SvgChart.roundUp(0.31), 1e-12);
        assertEquals(1000, SvgChart.roundUp(1000));
        assertEquals(1, SvgChart.roundUp(0));
    }
}
