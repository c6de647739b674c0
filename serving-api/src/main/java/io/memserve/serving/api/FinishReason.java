package io.memserve.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a generation stopped, with OpenAI's names on the wire. */
public enum FinishReason {
    /** An end-of-sequence or stop token was sampled. */
    @JsonProperty("stop") STOP,
    /** {@code max_tokens} or the model's context ran out. */
    @JsonProperty("length") LENGTH
}
