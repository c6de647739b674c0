package io.memserve.mempool.protocol;

/**
 * A peer broke the protocol in a way that ends the connection: the receiver sends an ERROR frame with request id 0
 * and closes.
 */
final class ProtocolViolation extends RuntimeException {

    private final ErrorCode code;

    ProtocolViolation(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
