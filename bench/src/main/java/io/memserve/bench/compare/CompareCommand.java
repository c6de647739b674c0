package io.memserve.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

import io.memserve.bench.report.ReportJson;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.SummaryTable;
import io.memserve.bench.run.Benchmark;
import io.memserve.bench.run.WorkloadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: the same workload (same seed, same requests) against several configurations, one after another,
 * each on its own freshly started local cluster (or a running one). Writes {@code NAME.json} per configuration,
 * {@code compare.txt} (the side-by-side table) and {@code compare.html} into {@code --out-dir}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one workload against several MemServe configurations and reports them side by side.")
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    WorkloadOptions options;

    @Option(names = "--config", description = "\"NAME: dev-cluster flags\", e.g. \"pd-cache: --mode=disaggregated "
            + "--cache=on --model=bench\"; started with memserve-dev.jar, stopped after its run. Repeatable.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--url", description = "NAME=URL of a running cluster (with --api-key). Repeatable.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--api-key", description = "Key for the --url clusters.")
    String apiKey;

    @Option(names = "--dev-jar", defaultValue = "dev-cluster/target/memserve-dev.jar",
            description = "memserve-dev.jar. Default: ${DEFAULT-VALUE}.")
    Path devJar;

    @Option(names = "--start-timeout-s", defaultValue = "600",
            description = "Longest wait for a cluster to be ready. Default: ${DEFAULT-VALUE}.")
    long startTimeoutS;

    @Option(names = "--out-dir", required = true, description = "Where the reports go.")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        List<ClusterConfig> clusters = clusters();
        Files.createDirectories(outDir);
        List<String> names = new ArrayList<>();
        List<RunReport> reports = new ArrayList<>();
        for (ClusterConfig cluster : clusters) {
            RunReport report = cluster.startsCluster() ? onStartedCluster(cluster) : Benchmark.run(options,
                    cluster.url(), apiKey, cluster.name());
            ReportJson.write(outDir.resolve(cluster.name() + ".json"), report);
            names.add(cluster.name());
            reports.add(report);
        }
        String table = SummaryTable.render(names, reports);
        Files.writeString(outDir.resolve("compare.txt"), table);
        Files.writeString(outDir.resolve("compare.html"), HtmlReport.render(names, reports));
        System.out.print(table);
        System.out.println("reports: " + outDir.toAbsolutePath().resolve("compare.html"));
        return reports.stream().allMatch(r -> r.failed() == 0) ? 0 : 3;
    }

    private RunReport onStartedCluster(ClusterConfig cluster) throws Exception {
        Path log = outDir.resolve(cluster.name() + ".dev-cluster.log");
        System.err.println(cluster.name() + ": starting memserve-dev " + String.join(" ", cluster.devClusterFlags())
                + " (log: " + log + ")");
        try (DevClusterProcess running = DevClusterProcess.start(devJar, cluster.devClusterFlags(), log,
                Duration.ofSeconds(startTimeoutS))) {
            return Benchmark.run(options, running.url(), running.apiKey(), cluster.name());
        }
    }

    private List<ClusterConfig> clusters() {
        List<ClusterConfig> clusters = new ArrayList<>();
        configs.forEach(spec -> clusters.add(ClusterConfig.started(spec)));
        urls.forEach(spec -> clusters.add(ClusterConfig.running(spec)));
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("give at least one --config or --url");
        }
        if (!urls.isEmpty() && apiKey == null) {
            throw new IllegalArgumentException("--url needs --api-key");
        }
        if (new HashSet<>(clusters.stream().map(ClusterConfig::name).toList()).size() != clusters.size()) {
            throw new IllegalArgumentException("configuration names must differ");
        }
        return clusters;
    }
}
