package io.memserve.engine.generation;

/** Why a generation stopped, in OpenAI's words. */
public enum FinishReason {
    /** An end-of-sequence token was sampled. */
    STOP,
    /** The token budget or the model's context ran out. */
    LENGTH
}
