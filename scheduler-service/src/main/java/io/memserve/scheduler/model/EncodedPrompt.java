package io.memserve.scheduler.model;

/** A request's prompt as token ids, with the completion length it may have within the context. */
public record EncodedPrompt(int[] tokenIds, int maxTokens) {
}
