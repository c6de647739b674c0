package io.memserve.bench.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.memserve.bench.client.CompletionClient;
import io.memserve.bench.client.Exchange;
import io.memserve.bench.workload.SessionScript;
import io.memserve.bench.workload.Turn;
import me.tongfei.progressbar.ProgressBar;

/**
 * Plays sessions against the server: each session is a virtual thread that waits for its arrival time, then sends
 * its turns one after another, each after the previous answer has arrived and the turn's think time has passed. A
 * failed request ends its session, since the next prompt needs the answer.
 */
final class LoadRunner {
    private final CompletionClient client;
    private final Semaphore inFlight;
    private final ProgressBar progress;
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());

    LoadRunner(CompletionClient client, Integer maxConcurrency, ProgressBar progress) {
        this.client = client;
        this.inFlight = new Semaphore(maxConcurrency == null ? Integer.MAX_VALUE : maxConcurrency);
        this.progress = progress;
    }

    /** Every request sent, in the order sent. */
    List<Exchange> run(List<SessionScript> sessions) {
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SessionScript session : sessions) {
                threads.submit(() -> {
                    play(session, start);
                    return null;
                });
            }
        }
        List<Exchange> sent = new ArrayList<>(exchanges);
        sent.sort(Comparator.comparingLong(Exchange::startNanos));
        return sent;
    }

    private void play(SessionScript session, long runStart) throws InterruptedException {
        sleepUntil(runStart + (long) (session.arrivalMs() * 1e6));
        int[] prompt = session.firstPrompt();
        for (int t = 0; t < session.turns().size(); t++) {
            Turn turn = session.turns().get(t);
            if (t > 0) {
                Thread.sleep(Duration.ofNanos((long) (turn.thinkMs() * 1e6)));
            }
            Exchange exchange = send(session.id(), t, prompt, turn.maxTokens());
            exchanges.add(exchange);
            progress.step();
            if (!exchange.ok()) {
                progress.stepBy(session.turns().size() - t - 1);
                return;
            }
            if (t + 1 < session.turns().size()) {
                prompt = session.nextPrompt(t + 1, exchange.promptIds(), exchange.answerIds());
            }
        }
    }

    private Exchange send(int session, int turn, int[] prompt, int maxTokens) throws InterruptedException {
        inFlight.acquire();
        try {
            return client.complete(session, turn, prompt, maxTokens);
        } finally {
            inFlight.release();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
