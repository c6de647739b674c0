package io.memserve.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.memserve.bench.client.CompletionClient;
import io.memserve.bench.client.Exchange;
import io.memserve.bench.report.RunReport;
import io.memserve.bench.report.RunSettings;
import io.memserve.bench.workload.RandomTokens;
import io.memserve.bench.workload.SessionScript;
import io.memserve.bench.workload.WorkloadGenerator;
import io.memserve.bench.workload.WorkloadSettings;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One measured run: connect, draw the workload for the served model's context, warm the services up, play it, build
 * the report.
 */
public final class Benchmark {

    private static final int WARMUP_SESSION = -1;
    private static final int WARMUP_PROMPT = 256;
    private static final int WARMUP_ANSWER = 16;

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
        warmUp(client, options.warmup, options.seed);
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

    private static void warmUp(CompletionClient client, int requests, long seed)
            throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(~seed);
        for (int i = 0; i < requests; i++) {
            Exchange e = client.complete(WARMUP_SESSION, i, RandomTokens.of(random, WARMUP_PROMPT), WARMUP_ANSWER);
            if (!e.ok()) {
                throw new IOException("warm-up request " + (i + 1) + " failed: " + e.error());
            }
        }
    }
}
