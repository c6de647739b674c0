package io.memserve.decode;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import io.memserve.engine.generation.Generator;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.kvhandoff.KvPublisher;
import io.memserve.kvhandoff.PoolConnections;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.protocol.DataPlaneSettings;
import io.memserve.serving.api.DecodeRequest;
import io.memserve.serving.api.FinishEvent;
import io.memserve.serving.api.GenerateRequest;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.ServingJson;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import io.memserve.testcluster.PoolProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Prompts, request bodies, expected answers from the engine's own generator, and a prefill done by hand. */
final class Requests {

    private static final AtomicInteger IDS = new AtomicInteger();

    private Requests() {
    }

    static int[] prompt(int length, long seed) {
        return new SplittableRandom(seed).ints(length, 3, 1024).toArray();
    }

    static String generate(int[] prompt, Sampling sampling, int maxTokens, boolean ignoreEos, boolean cache) {
        return ServingJson.mapper().writeValueAsString(new GenerateRequest("r-" + IDS.incrementAndGet(), prompt,
                sampling, maxTokens, null, ignoreEos, cache));
    }

    static String decode(int[] prompt, int firstToken, Sampling sampling, int maxTokens, boolean ignoreEos,
            String prefillPool, boolean cache) {
        return ServingJson.mapper().writeValueAsString(new DecodeRequest("r-" + IDS.incrementAndGet(), prompt,
                firstToken, sampling, maxTokens, null, ignoreEos, prefillPool, cache));
    }

    static SamplingParams params(Sampling sampling) {
        return new SamplingParams(sampling.temperature().floatValue(), sampling.topK(), sampling.topP().floatValue(),
                sampling.seed());
    }

    /** What the engine's single-sequence generator answers. */
    static int[] expected(Engine engine, int[] prompt, Sampling sampling, int maxTokens) {
        try (Sequence sequence = engine.newSequence()) {
            return new Generator(engine, 64).generate(sequence, prompt, maxTokens, params(sampling), token -> {
            }).tokens();
        }
    }

    /**
     * Does what a prefill instance does: computes the prompt, samples token 0 and makes {@code pool} hold the prompt's
     * full blocks. Returns token 0.
     */
    static int prefillInto(Engine engine, PoolProcess pool, int[] prompt, Sampling sampling) {
        try (Sequence sequence = engine.newSequence();
                PoolConnections connections = new PoolConnections(
                        DataPlaneSettings.defaults(PoolProcess.SECRET.getBytes(StandardCharsets.UTF_8)),
                        Duration.ofSeconds(10))) {
            float[] logits = engine.step(List.of(new SequenceStep(sequence, prompt))).getFirst();
            new KvPublisher(engine, connections).publish(pool.control.status().block().endpoint(), sequence)
                    .block(Duration.ofSeconds(10));
            return engine.sample(logits, params(sampling), 0);
        }
    }

    static int[] tokens(List<WorkerEvent> events) {
        return events.stream().filter(TokenEvent.class::isInstance).mapToInt(e -> ((TokenEvent) e).token())
                .toArray();
    }

    static FinishEvent finish(List<WorkerEvent> events) {
        return (FinishEvent) events.getLast();
    }

    static int matchedTokens(PoolProcess pool, Engine engine, int[] tokens) {
        var match = pool.control.match(new MatchRequest(engine.modelId(), engine.kvLayout().id(), tokens, null, null,
                true, 0)).block(Duration.ofSeconds(10));
        if (match.leaseId() != null) {
            pool.control.releaseLease(match.leaseId()).block(Duration.ofSeconds(10));
        }
        return match.matchedTokens();
    }
}
