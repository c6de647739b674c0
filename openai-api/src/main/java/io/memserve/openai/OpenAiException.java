package io.memserve.openai;

/** A refusal that every entry point turns into its HTTP status and OpenAI's error JSON. */
public final class OpenAiException extends RuntimeException {
    private final int status;
    private final transient OpenAiError error;

    public OpenAiException(int status, OpenAiError error) {
        super(error.error().message());
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public OpenAiError error() {
        return error;
    }
}
