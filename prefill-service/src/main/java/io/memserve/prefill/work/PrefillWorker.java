package io.memserve.prefill.work;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.kvhandoff.EngineLoop;
import io.memserve.kvhandoff.PromptPrefill;
import io.memserve.prefill.metrics.PrefillMetrics;
import io.memserve.serving.api.PrefillRequest;
import io.memserve.serving.api.PrefillResponse;
import io.memserve.serving.api.Sampling;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One {@code /internal/prefill}: the prompt's prefill (cached prefix loaded, the rest computed), token 0 sampled, and
 * the handoff of its KV to the decode pool. A caller that goes away before the handoff stops the prefill and frees
 * its pages at once; once the handoff has started it runs to its end, because the pool is reading those pages.
 */
public final class PrefillWorker {

    private final EngineLoop loop;
    private final Engine engine;
    private final PromptPrefill prefill;
    private final Handoff handoff;
    private final PrefillSlots slots;
    private final PrefillMetrics metrics;

    public PrefillWorker(EngineLoop loop, PromptPrefill prefill, Handoff handoff, PrefillSlots slots,
            PrefillMetrics metrics) {
        this.loop = loop;
        this.engine = loop.engine();
        this.prefill = prefill;
        this.handoff = handoff;
        this.slots = slots;
        this.metrics = metrics;
    }

    public Mono<PrefillResponse> prefill(PrefillRequest request) {
        return Mono.defer(() -> {
            PromptCheck.check(request.promptTokenIds(), engine.config());
            return slots.inSlot(run(request));
        });
    }

    private Mono<PrefillResponse> run(PrefillRequest request) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            Sequence sequence = engine.newSequence();
            AtomicBoolean handingOff = new AtomicBoolean();
            int[] prompt = request.promptTokenIds();
            return prefill.prefill(sequence, prompt, request.cache())
                    .publishOn(Schedulers.parallel())
                    .flatMap(result -> {
                        int first = engine.sample(result.logits(), params(request.sampling()), 0);
                        handingOff.set(true);
                        Mono<PrefillResponse> handedOff = handoff
                                .toDecodePool(sequence, request.decodePool(), request.cache())
                                .map(blocks -> {
                                    metrics.prefilled(prompt.length, request.cache(), result.cachedTokens(), blocks,
                                            Duration.ofNanos(System.nanoTime() - started));
                                    return new PrefillResponse(request.requestId(), first, prompt.length,
                                            result.cachedTokens(), blocks);
                                })
                                .doFinally(signal -> loop.release(sequence).subscribe());
                        return Mono.<PrefillResponse>create(sink -> handedOff.subscribe(sink::success, sink::error));
                    })
                    .doOnError(e -> releaseUnlessHandingOff(sequence, handingOff))
                    .doOnCancel(() -> releaseUnlessHandingOff(sequence, handingOff));
        });
    }

    private void releaseUnlessHandingOff(Sequence sequence, AtomicBoolean handingOff) {
        if (!handingOff.get()) {
            loop.release(sequence).subscribe();
        }
    }

    private static SamplingParams params(Sampling sampling) {
        return new SamplingParams(sampling.temperature().floatValue(), sampling.topK(),
                sampling.topP().floatValue(), sampling.seed());
    }
}
