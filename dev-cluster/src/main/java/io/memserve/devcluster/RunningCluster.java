package io.memserve.devcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cluster that is up (or part way up): its processes and its Redis. Closing stops it front to back — gateway and
 * scheduler, then workers (which deregister and release their pool leases), then the pools, then Redis — each tier
 * asked to stop (SIGTERM) and killed if it has not after a grace period.
 */
public final class RunningCluster implements AutoCloseable {

    static final int LOG_TAIL_LINES = 40;
    private static final long STOP_GRACE_MILLIS = 15_000;

    private final ClusterSpec spec;
    private final ClusterPlan plan;
    private final RedisEndpoint redis;
    private final List<ServiceProcess> pools = new ArrayList<>();
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final List<ServiceProcess> front = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningCluster(ClusterSpec spec, ClusterPlan plan, RedisEndpoint redis) {
        this.spec = spec;
        this.plan = plan;
        this.redis = redis;
    }

    void addPool(ServiceProcess p) {
        add(pools, p);
    }

    void addWorker(ServiceProcess p) {
        add(workers, p);
    }

    void addFront(ServiceProcess p) {
        add(front, p);
    }

    /** A process started while the cluster is being stopped is stopped too, and the start-up ends there. */
    private synchronized void add(List<ServiceProcess> tier, ServiceProcess p) {
        if (closed.get()) {
            p.requestStop();
            throw new ClusterStartException("the cluster was stopped during start-up");
        }
        tier.add(p);
    }

    synchronized List<ServiceProcess> processes() {
        List<ServiceProcess> all = new ArrayList<>(pools);
        all.addAll(workers);
        all.addAll(front);
        return all;
    }

    public String gatewayUrl() {
        return "http://localhost:" + plan.gateway().httpPort();
    }

    /** The key printed at start; every key of {@link #apiKeys()} is accepted. */
    public String apiKey() {
        return spec.apiKeys().getFirst();
    }

    public List<String> apiKeys() {
        return spec.apiKeys();
    }

    public String redisUrl() {
        return redis.url();
    }

    /** Control-plane URLs of the pools, in pool-id order ({@code pool-0} first). */
    public List<String> mempoolUrls() {
        return plan.mempools().stream().map(ServiceSpec::url).toList();
    }

    /** Registry ids of the workers: prefill instances first, then decode (or colocated) ones. */
    public List<String> workerIds() {
        return plan.workerIds();
    }

    public Path runDir() {
        return spec.runDir();
    }

    public ClusterSpec spec() {
        return spec;
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Blocks until one of the services exits, and returns it; a cluster missing one is broken. Returns nothing once
     * the cluster is being stopped, since then every service exits.
     */
    public Optional<String> awaitServiceExit() throws InterruptedException {
        List<ServiceProcess> all = processes();
        try {
            CompletableFuture.anyOf(all.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the services failed", e);
        }
        if (closed.get()) {
            return Optional.empty();
        }
        ServiceProcess gone = all.stream().filter(p -> !p.isAlive()).findFirst().orElseThrow();
        return Optional.of(gone.name() + " exited with status " + gone.exitValue() + "; the end of " + gone.log()
                + ":" + System.lineSeparator() + gone.logTail(LOG_TAIL_LINES));
    }

    /** Stops everything; safe to call more than once and from a shutdown hook. */
    @Override
    public void close() {
        List<List<ServiceProcess>> tiers;
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            tiers = List.of(List.copyOf(front), List.copyOf(workers), List.copyOf(pools));
        }
        for (List<ServiceProcess> tier : tiers) {
            tier.forEach(ServiceProcess::requestStop);
            long deadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
            tier.forEach(p -> p.awaitStop(deadline - System.currentTimeMillis()));
        }
        redis.close();
    }
}
