package io.memserve.engine;

/** New tokens for one sequence in a step: a prefill chunk, or the one token a decode step feeds back. */
public record SequenceStep(Sequence sequence, int[] tokens) {

    public SequenceStep {
        if (sequence == null) {
            throw new IllegalArgumentException("sequence is required");
        }
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("a step needs at least one new token");
        }
        tokens = tokens.clone();
    }

    public static SequenceStep of(Sequence sequence, int... tokens) {
        return new SequenceStep(sequence, tokens);
    }
}
