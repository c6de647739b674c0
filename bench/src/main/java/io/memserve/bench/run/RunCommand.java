package io.memserve.bench.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.memserve.bench.report.ReportJson;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: one workload against one running MemServe. Prints the summary table and writes the report with every
 * request's timings; exits 3 when any request failed (the report is still written).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Plays a workload against a running MemServe and reports TTFT, TPOT, ITL, JCT and hit rates.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "The gateway, e.g. http://localhost:8080.")
    String url;

    @Option(names = "--api-key", required = true, description = "A key the gateway accepts.")
    String apiKey;

    @Mixin
    WorkloadOptions options;

    @Option(names = "--out", required = true, description = "Report file (JSON).")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunReport report = Benchmark.run(options, url, apiKey, "run");
        ReportJson.write(out, report);
        System.out.print(SummaryTable.render(List.of(options.workload.id()), List.of(report)));
        for (Map.Entry<String, Integer> error : report.errors().entrySet()) {
            System.out.println("failed x" + error.getValue() + ": " + error.getKey());
        }
        System.out.println("report: " + out.toAbsolutePath());
        return report.failed() == 0 ? 0 : 3;
    }
}
