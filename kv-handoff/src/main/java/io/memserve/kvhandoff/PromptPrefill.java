package io.memserve.kvhandoff;

import io.memserve.engine.Sequence;
import java.util.Arrays;
import reactor.core.publisher.Mono;

/**
 * A prompt's prefill: with caching, its cached prefix is loaded from MemPool; the rest is computed on the engine loop
 * in chunks that share steps with other work. The logits are those of the last prompt token, bit for bit the same
 * whether the prefix was loaded or computed.
 */
public final class PromptPrefill {

    private final EngineLoop loop;
    private final KvCacheLoader loader;

    public PromptPrefill(EngineLoop loop, KvCacheLoader loader) {
        this.loop = loop;
        this.loader = loader;
    }

    /** Prefills {@code prompt} into the empty {@code sequence}. */
    public Mono<PrefillResult> prefill(Sequence sequence, int[] prompt, boolean cache) {
        if (prompt.length == 0) {
            return Mono.error(new IllegalArgumentException("the prompt is empty"));
        }
        Mono<Integer> cached = cache ? loader.load(sequence, prompt) : Mono.just(0);
        return cached.flatMap(hit -> loop.feed(sequence, Arrays.copyOfRange(prompt, hit, prompt.length))
                .map(logits -> new PrefillResult(logits, hit)));
    }

    /** The last prompt token's logits and how many prompt tokens came from MemPool. */
    public record PrefillResult(float[] logits, int cachedTokens) {
    }
}
