package io.memserve.kvhandoff;

/** A request named a pool that is not registered or has stopped heartbeating. */
public class UnknownPoolException extends RuntimeException {

    private final String poolId;

    public UnknownPoolException(String poolId) {
        super("pool '" + poolId + "' is not registered or not alive");
        this.poolId = poolId;
    }

    public String poolId() {
        return poolId;
    }
}
