package io.memserve.decode.generation;

import io.memserve.decode.batch.AdmissionQueue;
import io.memserve.decode.metrics.ServingMetrics;
import io.memserve.engine.Engine;
import io.memserve.kvhandoff.EngineLoop;
import io.memserve.kvhandoff.KvCacheLoader;
import io.memserve.serving.api.WorkerEvent;
import reactor.core.publisher.Flux;

/**
 * Runs requests on the engine loop's continuous batch: every request is its own chain of feeds, and the loop puts the
 * feeds of all running requests into each step, so sequences join and leave the batch at every step.
 */
public final class GenerationWorker {

    private final EngineLoop loop;
    private final KvCacheLoader loader;
    private final WriteBack writeBack;
    private final AdmissionQueue admissions;
    private final ServingMetrics metrics;

    public GenerationWorker(EngineLoop loop, KvCacheLoader loader, WriteBack writeBack, AdmissionQueue admissions,
            ServingMetrics metrics) {
        this.loop = loop;
        this.loader = loader;
        this.writeBack = writeBack;
        this.admissions = admissions;
        this.metrics = metrics;
    }

    /**
     * The request's event stream; cancelling it ends the request and releases what it holds.
     *
     * @throws io.memserve.decode.batch.RequestTooLargeException when it could never fit in the engine's KV pages
     */
    public Flux<WorkerEvent> run(GenerationPlan plan, RunOptions options) {
        int pages = admissions.pagesFor(Math.min(plan.prompt().length + plan.maxTokens(), maxPositions()));
        return Flux.create(sink -> {
            GenerationRun run = new GenerationRun(this, plan, options, sink);
            sink.onDispose(run::cancel);
            run.start(pages);
        });
    }

    int maxPositions() {
        return engine().config().maxPositionEmbeddings();
    }

    Engine engine() {
        return loop.engine();
    }

    EngineLoop loop() {
        return loop;
    }

    KvCacheLoader loader() {
        return loader;
    }

    WriteBack writeBack() {
        return writeBack;
    }

    AdmissionQueue admissions() {
        return admissions;
    }

    ServingMetrics metrics() {
        return metrics;
    }
}
