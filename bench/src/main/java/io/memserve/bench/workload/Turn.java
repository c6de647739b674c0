package io.memserve.bench.workload;

/**
 * One request of a session.
 *
 * @param userTokens the tokens this turn adds (a user message, a question, a tool observation)
 * @param maxTokens  the answer's exact length: requests are sent with {@code ignore_eos}
 * @param thinkMs    the pause after the previous answer arrived before this turn is sent (0 for the first turn)
 */
public record Turn(int[] userTokens, int maxTokens, double thinkMs) {
}
