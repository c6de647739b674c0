package io.memserve.mempool.protocol;

/** A data-plane operation that failed, with the protocol error code that says why. */
public class DataPlaneException extends RuntimeException {

    private final ErrorCode code;

    public DataPlaneException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public DataPlaneException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether the failure was the connection's, not the request's, so an idempotent request may be sent again. */
    public boolean connectionFailure() {
        return code == ErrorCode.CONNECTION_FAILED || code == ErrorCode.CONNECTION_LOST;
    }
}
