package io.memserve.scheduler.web;

import java.util.ArrayList;
import java.util.List;

import io.memserve.openai.FinishReason;
import io.memserve.openai.Usage;
import io.memserve.scheduler.generation.GenerationOutput;

/** What one generation added up to: its text, tokens, finish reason and usage. */
final class Accounting {
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> tokenIds = new ArrayList<>();
    private int promptTokens;
    private int cachedTokens;
    private int completionTokens;
    private FinishReason finishReason;

    void observe(GenerationOutput output) {
        switch (output) {
            case GenerationOutput.Started s -> {
                promptTokens = s.promptTokens();
                cachedTokens = s.cachedTokens();
            }
            case GenerationOutput.Piece p -> {
                text.append(p.text());
                tokenIds.addAll(p.tokenIds());
            }
            case GenerationOutput.Finished f -> {
                completionTokens = f.completionTokens();
                finishReason = f.reason();
            }
        }
    }

    String text() {
        return text.toString();
    }

    List<Integer> tokenIds() {
        return List.copyOf(tokenIds);
    }

    FinishReason finishReason() {
        return finishReason;
    }

    Usage usage() {
        return Usage.of(promptTokens, completionTokens, cachedTokens);
    }
}
