package io.memserve.mempool.api;

/** The OpenAI-style error body every MemPool endpoint answers with on failure. */
public record ErrorResponse(Detail error) {

    public record Detail(String message, String type, String code) {
    }

    public static ErrorResponse of(String message, String type, String code) {
        return new ErrorResponse(new Detail(message, type, code));
    }
}
