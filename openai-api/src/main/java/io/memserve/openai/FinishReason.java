package io.memserve.openai;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a choice ended: a stop token or stop string ({@code stop}), or the token limit ({@code length}). */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length");

    private final String wire;

    FinishReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
