package io.memserve.bench.client;

/**
 * One streamed completion as the client saw it.
 *
 * @param startNanos   {@code System.nanoTime()} when the request was sent
 * @param chunkMs      arrival of every streamed chunk that carried tokens, in ms after the send
 * @param endMs        when the stream ended ({@code [DONE]}), in ms after the send
 * @param promptIds    the prompt's ids as the server echoed them
 * @param answerIds    the answer's ids, in order
 * @param cachedTokens {@code usage.prompt_tokens_details.cached_tokens}
 * @param error        why the request failed, or {@code null}
 */
public record Exchange(int session, int turn, long startNanos, double[] chunkMs, double endMs, int[] promptIds,
        int[] answerIds, int promptTokens, int cachedTokens, int completionTokens, String error) {

    public static Exchange failed(int session, int turn, long startNanos, int[] sentPrompt, double endMs,
            String error) {
        return new Exchange(session, turn, startNanos, new double[0], endMs, sentPrompt, new int[0],
                sentPrompt.length, 0, 0, error);
    }

    public boolean ok() {
        return error == null;
    }
}
