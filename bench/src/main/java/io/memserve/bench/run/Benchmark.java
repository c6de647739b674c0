package io.memserve.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.memserve.bench.client.CompletionClient;
import io.memserve.bench.client.Exchange;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.RunSettings;
import io.memserve.bench.workload.SessionScript;
import io.memserve.bench.workload.WorkloadGenerator;
import io.memserve.bench.workload.WorkloadSettings;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One measured run: connect, draw the workload for the served model's context, play it, build the report. */
public final class Benchmark {

    private Benchmark() {
    }

    public static RunReport run(WorkloadOptions options, String url, String apiKey, String label)
            throws IOException, InterruptedException {
        options.validate();
        CompletionClient client = CompletionClient.connect(url, apiKey, options.model,
                Duration.ofSeconds(options.responseTimeoutS));
        int maxContext = options.maxContext != null ? options.maxContext : client.maxModelLen();
        List<SessionScript> sessions = WorkloadGenerator.generate(options.workload, options.sessions, options.rate,
                options.seed, new WorkloadSettings(options.scale, maxContext, options.thinkMs));
        int requests = sessions.stream().mapToInt(s -> s.turns().size()).sum();
        System.err.printf("%s: %s, %d sessions, %d requests at %s sessions/s against %s (%s)%n", label,
                options.workload, sessions.size(), requests, options.rate, url, client.model());
        List<Exchange> exchanges;
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName(label).setInitialMax(requests)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" req", 1).showSpeed().build()) {
            exchanges = new LoadRunner(client, options.maxConcurrency, progress).run(sessions);
        }
        RunSettings settings = new RunSettings(options.workload.id(), url, client.model(), options.seed,
                options.sessions, options.rate, options.scale, maxContext, options.thinkMs, options.maxConcurrency,
                options.sloTtftMs, options.sloTpotMs);
        return RunReport.of(settings, exchanges);
    }
}
