package io.memserve.scheduler.generation;

import java.util.List;

import io.memserve.openai.FinishReason;

/** What the client-facing formatters receive: the prompt's accounting, text pieces with their tokens, the end. */
public sealed interface GenerationOutput {

    record Started(int promptTokens, int cachedTokens) implements GenerationOutput {
    }

    /** New text (possibly empty while held back) and the tokens generated since the last piece. */
    record Piece(String text, List<Integer> tokenIds) implements GenerationOutput {
    }

    record Finished(FinishReason reason, int completionTokens) implements GenerationOutput {
    }
}
