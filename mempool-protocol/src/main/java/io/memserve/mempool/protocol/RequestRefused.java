package io.memserve.mempool.protocol;

/**
 * A request the server will not carry out, while the connection itself is fine: answered with an ERROR frame under
 * the request's id, and the connection goes on.
 */
final class RequestRefused extends RuntimeException {

    private final ErrorCode code;

    RequestRefused(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
