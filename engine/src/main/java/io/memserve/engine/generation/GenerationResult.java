package io.memserve.engine.generation;

/** The tokens a generation produced (an end-of-sequence token is not among them) and why it stopped. */
public record GenerationResult(int[] tokens, FinishReason finishReason) {

    public GenerationResult {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
