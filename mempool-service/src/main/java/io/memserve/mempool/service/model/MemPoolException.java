package io.memserve.mempool.service.model;

/**
 * A request MemPool refuses or cannot serve: the HTTP status and the OpenAI-style error type and code it answers with.
 */
public class MemPoolException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;

    private MemPoolException(int status, String type, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public static MemPoolException badRequest(String code, String message) {
        return new MemPoolException(400, "invalid_request_error", code, message);
    }

    public static MemPoolException notFound(String code, String message) {
        return new MemPoolException(404, "invalid_request_error", code, message);
    }

    public static MemPoolException conflict(String code, String message) {
        return new MemPoolException(409, "invalid_request_error", code, message);
    }

    /** The pool cannot make room: every block that could go is pinned. */
    public static MemPoolException full(String message) {
        return new MemPoolException(507, "insufficient_storage", "pool_full", message);
    }

    public static MemPoolException unavailable(String code, String message) {
        return new MemPoolException(503, "service_unavailable", code, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}
