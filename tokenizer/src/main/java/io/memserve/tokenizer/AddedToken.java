package io.memserve.tokenizer;

/**
 * An entry of tokenizer.json's {@code added_tokens}: text that is cut out of the input whole and given its own id.
 *
 * @param singleWord match only when not inside a word
 * @param lstrip     the match swallows whitespace on its left
 * @param rstrip     the match swallows whitespace on its right
 * @param normalized matched against normalized text rather than the raw input
 * @param special    a control token, dropped when decoding with skipSpecialTokens
 */
record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized,
                  boolean special) {
}
