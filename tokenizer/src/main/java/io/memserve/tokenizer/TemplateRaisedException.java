package io.memserve.tokenizer;

/** What a chat template's {@code raise_exception(message)} throws: the template refused the conversation. */
public final class TemplateRaisedException extends RuntimeException {

    public TemplateRaisedException(String message) {
        super(message);
    }

    /** Bound as the template function {@code raise_exception}. */
    public static String raise(String message) {
        throw new TemplateRaisedException(message);
    }
}
