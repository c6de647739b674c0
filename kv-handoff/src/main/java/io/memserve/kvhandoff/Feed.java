package io.memserve.kvhandoff;

import io.memserve.engine.Sequence;
import reactor.core.publisher.Sinks;

/** Tokens waiting to go into one sequence, fed over one or more engine steps; owned by the loop thread. */
final class Feed {

    final Sequence sequence;
    final int[] tokens;
    final Sinks.One<float[]> logits = Sinks.one();
    volatile boolean cancelled;
    int fed;

    Feed(Sequence sequence, int[] tokens) {
        this.sequence = sequence;
        this.tokens = tokens;
    }

    int remaining() {
        return tokens.length - fed;
    }
}
