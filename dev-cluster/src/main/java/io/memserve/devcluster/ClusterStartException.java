package io.memserve.devcluster;

/** The cluster could not be brought up; the message says which service failed and how. */
public final class ClusterStartException extends RuntimeException {

    public ClusterStartException(String message) {
        super(message);
    }
}
