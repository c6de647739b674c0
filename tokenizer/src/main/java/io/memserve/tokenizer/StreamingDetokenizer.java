package io.memserve.tokenizer;

import java.util.Arrays;

/**
 * Turns generated token ids into text as they come. A token may end in the middle of a UTF-8 character (byte-level
 * models split emoji and CJK bytes across tokens), so text is held back until it decodes whole: the window from the
 * last emitted token is decoded with and without the new token and only a complete difference is emitted. Decoding a
 * window rather than single tokens keeps decoders that look at neighbours (Strip, Metaspace, ByteFallback) exact.
 * Not thread-safe: one per sequence.
 */
public final class StreamingDetokenizer {

    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private int[] ids = new int[64];
    private int size;
    private int prefixOffset;
    private int readOffset;

    StreamingDetokenizer(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /** Adds one generated token; returns the text it completes, possibly empty. */
    public String push(int tokenId) {
        tokenizer.tokenText(tokenId); // an unknown id fails here, before it is stored
        if (size == ids.length) {
            compact();
        }
        ids[size++] = tokenId;
        String prefix = tokenizer.decode(ids, prefixOffset, readOffset, skipSpecialTokens);
        String text = tokenizer.decode(ids, prefixOffset, size, skipSpecialTokens);
        if (text.length() <= prefix.length() || text.endsWith("\uFFFD") || !text.startsWith(prefix)) {
            return "";
        }
        prefixOffset = readOffset;
        readOffset = size;
        return text.substring(prefix.length());
    }

    /** Ends the sequence: returns whatever is held back, with incomplete bytes as U+FFFD, and starts afresh. */
    public String flush() {
        String prefix = tokenizer.decode(ids, prefixOffset, readOffset, skipSpecialTokens);
        String text = tokenizer.decode(ids, prefixOffset, size, skipSpecialTokens);
        size = 0;
        prefixOffset = 0;
        readOffset = 0;
        return text.substring(commonPrefixLength(prefix, text));
    }

    /** Invalid byte runs can decode differently once more bytes follow; what was already emitted is not repeated. */
    private static int commonPrefixLength(String emitted, String text) {
        int n = Math.min(emitted.length(), text.length());
        int i = 0;
        while (i < n && emitted.charAt(i) == text.charAt(i)) {
            i++;
        }
        if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
            i--;
        }
        return i;
    }

    /** Tokens before the decode window are never looked at again. */
    private void compact() {
        if (prefixOffset > 0) {
            System.arraycopy(ids, prefixOffset, ids, 0, size - prefixOffset);
            size -= prefixOffset;
            readOffset -= prefixOffset;
            prefixOffset = 0;
        }
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
    }
}
