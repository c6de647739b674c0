package io.memserve.devcluster;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition of the cluster's start-up while watching the processes started so far: one that exits fails
 * the start at once with the tail of its log, and so does the deadline passing.
 */
final class StartupWatch {

    private static final Duration POLL = Duration.ofMillis(250);

    private final RunningCluster cluster;
    private final Instant deadline;

    StartupWatch(RunningCluster cluster, Instant deadline) {
        this.cluster = cluster;
        this.deadline = deadline;
    }

    void awaitUntil(String what, BooleanSupplier done) {
        while (true) {
            if (cluster.isClosed()) {
                throw new ClusterStartException("the cluster was stopped during start-up");
            }
            for (ServiceProcess p : cluster.processes()) {
                if (!p.isAlive()) {
                    throw new ClusterStartException(p.name() + " exited with status " + p.exitValue()
                            + " during start-up; the end of " + p.log() + ":" + System.lineSeparator()
                            + p.logTail(RunningCluster.LOG_TAIL_LINES));
                }
            }
            if (done.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ClusterStartException("timed out waiting for " + what + "; logs are in "
                        + cluster.runDir());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterStartException("interrupted while waiting for " + what);
            }
        }
    }
}
