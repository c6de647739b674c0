package io.memserve.decode.batch;

/** A request that could never run here, however long it waited: it needs more KV pages than the engine has. */
public final class RequestTooLargeException extends IllegalArgumentException {

    public RequestTooLargeException(String message) {
        super(message);
    }
}
