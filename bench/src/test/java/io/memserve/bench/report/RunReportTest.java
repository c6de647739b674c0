package io.memserve.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import io.memserve.bench.client.Exchange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RunReportTest {
    private static final RunSettings SETTINGS = new RunSettings("multi-turn", "http://localhost:1", "tiny", 1, 2,
            1.0, 1.0, 2048, null, null, 150.0, 20.0);

    private static List<Exchange> exchanges() {
        int[] prompt1 = IntStream.range(0, 40).toArray();
        int[] answer1 = IntStream.range(100, 104).toArray();
        int[] prompt2 = IntStream.concat(IntStream.concat(IntStream.of(prompt1), IntStream.of(answer1)),
                IntStream.range(200, 210)).toArray();
        long ms = 1_000_000;
        return List.of(
                new Exchange(0, 0, 0, new double[] {100, 110, 130, 160}, 170, prompt1, answer1, 40, 0, 4, null),
                new Exchange(0, 1, 1000 * ms, new double[] {50, 60}, 80, prompt2,
                        new int[] {1, 2}, 54, 32, 2, null),
                Exchange.failed(1, 0, 500 * ms, new int[] {1, 2, 3}, 5, "HTTP 503: busy"));
    }

    @Test
    void figuresFromHandMadeRequests() {
        RunReport r = RunReport.of(SETTINGS, exchanges());
        assertEquals(2, r.completed());
        assertEquals(1, r.failed());
        assertEquals(1.08, r.durationS(), 1e-9);
        assertEquals(75, r.ttftMs().mean(), 1e-9);
        assertEquals(15, r.tpotMs().mean(), 1e-9);
        assertEquals(125, r.jctMs().mean(), 1e-9);
        assertEquals(15, r.itlMs().p50(), 1e-9);
        assertEquals(94, r.promptTokens());
        assertEquals(32, r.cachedTokens());
        assertEquals(32.0 / 94, r.hitRate(), 1e-12);
        // request 2's prompt: 40 prompt + 3 answer tokens with KV = 43, so 2 blocks
        assertEquals(32, r.oracleCachedTokens());
        assertEquals(32.0 / 94, r.oracleHitRate(), 1e-12);
        // TTFT 100 / TPOT 20 and TTFT 50 / TPOT 10 both meet 150 / 20
        assertEquals(2 / 1.08, r.goodput(), 1e-9);
        assertEquals(1, r.errors().get("HTTP 503: busy"));
        RequestRecord failed = r.requests().get(2);
        assertEquals(1, failed.session());
        assertNull(failed.ttftMs());
        assertEquals(500, failed.startMs(), 1e-9);
    }

    @Test
    void jsonHasTheIssuesTopLevelFieldsAndEveryRequest() {
        JsonNode json = ReportJson.MAPPER.readTree(ReportJson.MAPPER.writeValueAsString(
                RunReport.of(SETTINGS, exchanges())));
        for (String latency : List.of("ttft_ms", "tpot_ms", "itl_ms", "jct_ms")) {
            for (String stat : List.of("mean", "p50", "p90", "p99")) {
                assertTrue(json.get(latency).get(stat).isNumber(), latency + "." + stat);
            }
        }
        assertTrue(json.get("hit_rate").isNumber());
        assertTrue(json.get("oracle_hit_rate").isNumber());
        assertTrue(json.get("goodput").isNumber());
        assertEquals("multi-turn", json.get("settings").get("workload").asString());
        assertEquals(3, json.get("requests").size());
        JsonNode first = json.get("requests").get(0);
        for (String field : List.of("session", "turn", "start_ms", "ttft_ms", "tpot_ms", "jct_ms", "itl_ms",
                "prompt_tokens", "cached_tokens", "oracle_cached_tokens", "completion_tokens")) {
            assertTrue(first.has(field), field);
        }
        assertEquals(3, first.get("itl_ms").size());
    }

    @Test
    void withoutObjectivesThereIsNoGoodput() {
        RunSettings noSlo = new RunSettings("agent", "u", "m", 1, 1, 1, 1, 2048, null, null, null, null);
        assertNull(RunReport.of(noSlo, exchanges()).goodput());
    }

    @Test
    void tableShowsEveryConfiguration() {
        RunReport r = RunReport.of(SETTINGS, exchanges());
        String table = SummaryTable.render(List.of("colocated", "pd-cache"), List.of(r, r));
        assertTrue(table.lines().findFirst().orElseThrow().contains("colocated  pd-cache"), table);
        assertTrue(table.contains("oracle hit rate"), table);
        assertTrue(table.contains("34.0%"), table);
        assertTrue(table.contains("2 / 1"), table);
    }
}
