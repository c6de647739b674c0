package io.memserve.prefill.work;

import io.memserve.checkpoint.ModelConfig;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;

/** What the engine needs of a prompt, checked before any work starts, each refusal a clear 400. */
final class PromptCheck {

    private PromptCheck() {
    }

    static void check(int[] prompt, ModelConfig model) {
        if (prompt == null || prompt.length == 0) {
            throw OpenAiErrors.invalidValue("prompt_token_ids", "The prompt is empty: it needs at least one token.");
        }
        // The first generated token is fed back at position prompt.length, so it must fit in the context too.
        if (prompt.length >= model.maxPositionEmbeddings()) {
            throw tooLong(prompt.length, model.maxPositionEmbeddings());
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= model.vocabSize()) {
                throw OpenAiErrors.invalidValue("prompt_token_ids", "Token id " + prompt[i] + " at position " + i
                        + " is outside the vocabulary [0, " + model.vocabSize() + ").");
            }
        }
    }

    private static OpenAiException tooLong(int length, int context) {
        return OpenAiErrors.invalidValue("prompt_token_ids", "This model's maximum context length is " + context
                + " tokens; the prompt has " + length + " tokens, which leaves no room for a completion.");
    }
}
