package io.memserve.mempool.client;

/** A MemPool endpoint answered with an error: its HTTP status and the {@code error} body's type, code and message. */
public class MemPoolApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;

    public MemPoolApiException(int status, String type, String code, String message) {
        super(message + " (HTTP " + status + ", " + code + ")");
        this.status = status;
        this.type = type;
        this.code = code;
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

    /** Whether trying again later may succeed: the pool was unavailable or overloaded, not the request wrong. */
    public boolean transientFailure() {
        return status == 502 || status == 503 || status == 504;
    }
}
