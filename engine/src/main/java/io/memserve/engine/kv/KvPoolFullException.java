package io.memserve.engine.kv;

/** No free KV page is left; the caller should wait for sequences to finish, evict, or admit fewer sequences. */
public final class KvPoolFullException extends IllegalStateException {

    public KvPoolFullException(String message) {
        super(message);
    }
}
