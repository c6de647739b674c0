package io.memserve.tokenizer;

/** Unicode White_Space, the property Rust's {@code char::is_whitespace} tests and Hugging Face strips with. */
final class Whitespace {

    private Whitespace() {
    }

    static boolean is(char c) {
        return (c >= '\t' && c <= '\r') || c == '\u0085' || Character.isSpaceChar(c);
    }
}
