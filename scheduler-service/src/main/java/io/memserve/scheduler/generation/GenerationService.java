package io.memserve.scheduler.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.memserve.openai.GenerationRequest;
import io.memserve.scheduler.admission.AdmissionControl;
import io.memserve.scheduler.metrics.ServingMetrics;
import io.memserve.scheduler.model.EncodedPrompt;
import io.memserve.scheduler.model.ServedModel;
import io.memserve.scheduler.routing.Route;
import io.memserve.scheduler.routing.RouteRequest;
import io.memserve.scheduler.routing.Router;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one request: waits for admission, routes it, streams its workers' events through an {@link OutputAssembler},
 * and records its metrics. Everything is released when the returned stream ends, fails or is cancelled (the client
 * left): the admission permit, the route's load, and the worker connection, whose closing tells the worker to drop
 * the sequence.
 */
public final class GenerationService {
    private final AdmissionControl admission;
    private final Router router;
    private final WorkerClient workers;
    private final ServedModel model;
    private final ServingMetrics metrics;
    private final boolean cache;

    public GenerationService(AdmissionControl admission, Router router, WorkerClient workers, ServedModel model,
            ServingMetrics metrics, boolean cache) {
        this.admission = admission;
        this.router = router;
        this.workers = workers;
        this.model = model;
        this.metrics = metrics;
        this.cache = cache;
    }

    /**
     * The spec of a validated request. Without a seed and with temperature above 0 one is drawn here, so every token
     * of the request, wherever it is sampled, comes from one seed.
     */
    public GenerationSpec spec(GenerationRequest request, EncodedPrompt prompt) {
        double temperature = request.temperatureOrDefault();
        long seed = request.seed() != null ? request.seed()
                : temperature > 0 ? ThreadLocalRandom.current().nextLong() : 0L;
        return new GenerationSpec(UUID.randomUUID().toString(), prompt.tokenIds(),
                new Sampling(temperature, request.topPOrDefault(), request.topKOrDefault(), seed), prompt.maxTokens(),
                request.ignoringEos() ? new int[0] : model.eosIds(), request.ignoringEos(), request.stopSequences(),
                cache);
    }

    public Flux<GenerationOutput> generate(GenerationSpec spec, String sessionId) {
        long arrival = System.nanoTime();
        return admission.admit()
                .doOnNext(permit -> metrics.queued(since(arrival)))
                .flatMapMany(permit -> Flux.using(
                                () -> router.route(new RouteRequest(spec.promptTokenIds(), sessionId)),
                                route -> run(route, spec, arrival),
                                Route::close)
                        .doFinally(signal -> permit.close()));
    }

    private Flux<GenerationOutput> run(Route route, GenerationSpec spec, long arrival) {
        return Flux.defer(() -> {
            OutputAssembler assembler = new OutputAssembler(model.tokenizer().streamingDetokenizer(true), spec);
            TokenClock clock = new TokenClock(arrival);
            return workers.events(route, spec)
                    .doOnNext(clock::observe)
                    .concatWith(Mono.fromRunnable(assembler::ended))
                    .concatMapIterable(event -> {
                        List<GenerationOutput> out = new ArrayList<>(2);
                        assembler.accept(event, out::add);
                        return out;
                    })
                    .doOnNext(output -> observe(output, arrival))
                    .takeUntil(output -> output instanceof GenerationOutput.Finished
                            && assembler.stoppedByString());
        });
    }

    private void observe(GenerationOutput output, long arrival) {
        if (output instanceof GenerationOutput.Started started) {
            metrics.prompt(started.promptTokens(), started.cachedTokens());
        } else if (output instanceof GenerationOutput.Finished) {
            metrics.finished(since(arrival));
        }
    }

    /** Times tokens as they arrive from the worker, before any text is held back for stop strings. */
    private final class TokenClock {
        private long last;

        TokenClock(long arrival) {
            this.last = arrival;
        }

        void observe(WorkerEvent event) {
            if (event instanceof TokenEvent token) {
                long now = System.nanoTime();
                if (token.index() == 0) {
                    metrics.firstToken(Duration.ofNanos(now - last));
                } else {
                    metrics.nextToken(Duration.ofNanos(now - last));
                }
                last = now;
            }
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
