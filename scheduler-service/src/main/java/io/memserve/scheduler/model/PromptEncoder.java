package io.memserve.scheduler.model;

import java.util.List;

import io.memserve.openai.ChatCompletionRequest;
import io.memserve.openai.CompletionRequest;
import io.memserve.openai.GenerationRequest;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.Prompt;
import io.memserve.tokenizer.ChatMessage;

/**
 * Turns a request's prompt into token ids, once per request: chat messages through the model's chat template (the
 * rendered text already holds BOS, so it is encoded without adding special tokens), a text prompt with the model's
 * special tokens as transformers adds them, token ids as given after checking them against the vocabulary. Then the
 * completion length is fixed: as requested, or by default the rest of the context (chat) or 16 tokens (completions,
 * as OpenAI) within it.
 */
public final class PromptEncoder {
    private final ServedModel model;

    public PromptEncoder(ServedModel model) {
        this.model = model;
    }

    public EncodedPrompt chat(ChatCompletionRequest request) {
        List<ChatMessage> messages = request.messages().stream()
                .map(m -> new ChatMessage(m.role(), m.content()))
                .toList();
        String text;
        try {
            text = model.tokenizer().chatTemplate().render(messages, true);
        } catch (RuntimeException e) {
            throw OpenAiErrors.invalidRequest("The chat template refused these messages: " + e.getMessage(),
                    "messages");
        }
        return bounded(request, model.tokenizer().encode(text), Integer.MAX_VALUE);
    }

    public EncodedPrompt completion(CompletionRequest request) {
        int[] ids = switch (request.prompt()) {
            case Prompt.Text text -> model.tokenizer().encodeWithSpecialTokens(text.text());
            case Prompt.TokenIds tokens -> checkedIds(tokens.ids());
        };
        return bounded(request, ids, CompletionRequest.DEFAULT_MAX_TOKENS);
    }

    private int[] checkedIds(List<Integer> ids) {
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            int id = ids.get(i);
            if (id < 0 || id >= model.vocabSize()) {
                throw OpenAiErrors.invalidValue("prompt", "Invalid 'prompt': token id " + id + " at position " + i
                        + " is outside the vocabulary [0, " + model.vocabSize() + ").");
            }
            out[i] = id;
        }
        return out;
    }

    private EncodedPrompt bounded(GenerationRequest request, int[] ids, int defaultMaxTokens) {
        if (ids.length == 0) {
            throw OpenAiErrors.invalidValue(request.promptParam(),
                    "Invalid '" + request.promptParam() + "': the prompt is empty.");
        }
        int room = model.maxContext() - ids.length;
        GenerationRequest.RequestedLength requested = request.requestedLength();
        if (requested != null) {
            if (requested.tokens() > room) {
                throw OpenAiErrors.contextLengthExceeded(request.promptParam(), model.maxContext(), ids.length,
                        requested.tokens());
            }
            return new EncodedPrompt(ids, requested.tokens());
        }
        if (room < 1) {
            throw OpenAiErrors.contextLengthExceeded(request.promptParam(), model.maxContext(), ids.length, 1);
        }
        return new EncodedPrompt(ids, Math.min(room, defaultMaxTokens));
    }
}
