package io.memserve.engine.generation;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import io.memserve.engine.sampling.SamplingParams;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Generation for one sequence at a time: the prompt prefilled in chunks, then one token per step until an
 * end-of-sequence token, the token budget or the end of the model's context. Each new token goes to a listener as
 * soon as it is sampled.
 */
public final class Generator {

    private final Engine engine;
    private final int prefillChunk;

    /** @param prefillChunk the most prompt tokens fed in one step */
    public Generator(Engine engine, int prefillChunk) {
        if (prefillChunk < 1) {
            throw new IllegalArgumentException("prefill chunk must be at least 1 token: " + prefillChunk);
        }
        this.engine = engine;
        this.prefillChunk = prefillChunk;
    }

    /**
     * Feeds the rest of {@code prompt} to {@code sequence} (which may already hold a prefix of it), then samples up to
     * {@code maxTokens} tokens.
     */
    public GenerationResult generate(Sequence sequence, int[] prompt, int maxTokens, SamplingParams params,
            IntConsumer onToken) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1: " + maxTokens);
        }
        int cached = sequence.length();
        if (cached >= prompt.length || !Arrays.equals(sequence.tokens(), Arrays.copyOf(prompt, cached))) {
            throw new IllegalArgumentException("the sequence must hold a proper prefix of the prompt (it has "
                    + cached + " tokens, the prompt " + prompt.length + ")");
        }
        float[] logits = null;
        for (int at = cached; at < prompt.length; at += prefillChunk) {
            int[] chunk = Arrays.copyOfRange(prompt, at, Math.min(prompt.length, at + prefillChunk));
            logits = engine.step(List.of(SequenceStep.of(sequence, chunk))).getFirst();
        }
        int[] eos = engine.config().eosTokenIds();
        int maxPositions = engine.config().maxPositionEmbeddings();
        int[] out = new int[maxTokens];
        int produced = 0;
        while (true) {
            int token = engine.sample(logits, params, produced);
            if (Arrays.stream(eos).anyMatch(e -> e == token)) {
                return new GenerationResult(Arrays.copyOf(out, produced), FinishReason.STOP);
            }
            out[produced++] = token;
            onToken.accept(token);
            if (produced == maxTokens || sequence.length() == maxPositions) {
                return new GenerationResult(Arrays.copyOf(out, produced), FinishReason.LENGTH);
            }
            logits = engine.step(List.of(SequenceStep.of(sequence, token))).getFirst();
        }
    }
}
