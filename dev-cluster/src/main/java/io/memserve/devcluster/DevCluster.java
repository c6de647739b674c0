package io.memserve.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Brings a whole cluster up on this machine, as {@code memserve-dev.jar} and the end-to-end tests do. */
public final class DevCluster {

    private DevCluster() {
    }

    /**
     * Starts Redis, the model, the pools, the workers, the scheduler and the gateway, and returns once every service
     * is ready and every worker is registered. On any failure what was started is stopped again.
     *
     * @param progress receives a line for each stage, for a person watching
     */
    public static RunningCluster start(ClusterSpec spec, Consumer<String> progress) {
        return start(spec, progress, cluster -> { });
    }

    /**
     * As {@link #start(ClusterSpec, Consumer)}, handing the cluster to {@code onCreated} before its first process
     * starts, so that a shutdown hook can stop it even while it is still coming up.
     */
    public static RunningCluster start(ClusterSpec spec, Consumer<String> progress,
            Consumer<RunningCluster> onCreated) {
        ServiceJars jars = ServiceJars.besideThisJar();
        Stream.of("mempool-service", "prefill-service", "decode-service", "scheduler-service", "gateway")
                .filter(m -> spec.mode() == Mode.DISAGGREGATED || !m.equals("prefill-service"))
                .forEach(jars::jar);
        try {
            Files.createDirectories(spec.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + spec.runDir(), e);
        }
        progress.accept("logs go to " + spec.runDir());
        ServedModel model = ServedModel.resolve(spec.model(), spec.modelSeed(), spec.modelCache());
        progress.accept("model " + model.name() + " from " + model.directory());

        FreePorts ports = new FreePorts();
        RedisEndpoint redis = spec.redisUrl() == null
                ? RedisEndpoint.embedded(ports.next())
                : RedisEndpoint.external(spec.redisUrl());
        ClusterPlan plan;
        try {
            plan = ClusterPlan.of(spec, redis.url(), model, newSecret(), ports);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        RunningCluster cluster = new RunningCluster(spec, plan, redis);
        onCreated.accept(cluster);
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this process"));
        try {
            StartupWatch watch = new StartupWatch(cluster, Instant.now().plus(spec.startTimeout()));
            ReadinessProbe probe = new ReadinessProbe();

            progress.accept("starting " + plan.mempools().size() + " mempool(s)");
            plan.mempools().forEach(s -> cluster.addPool(ServiceProcess.start(s, jars, java, spec.runDir())));
            awaitReady(watch, probe, plan.mempools());

            progress.accept("starting " + plan.workers().size() + " worker(s), the scheduler and the gateway");
            plan.workers().forEach(s -> cluster.addWorker(ServiceProcess.start(s, jars, java, spec.runDir())));
            cluster.addFront(ServiceProcess.start(plan.scheduler(), jars, java, spec.runDir()));
            cluster.addFront(ServiceProcess.start(plan.gateway(), jars, java, spec.runDir()));
            awaitReady(watch, probe, plan.workers());
            awaitReady(watch, probe, List.of(plan.scheduler(), plan.gateway()));
            try (InstanceRegistryProbe registry = new InstanceRegistryProbe(redis.url())) {
                watch.awaitUntil("the workers to register " + plan.workerIds(),
                        () -> registry.allAlive(plan.workerIds()));
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static void awaitReady(StartupWatch watch, ReadinessProbe probe, List<ServiceSpec> services) {
        for (ServiceSpec s : services) {
            watch.awaitUntil(s.name() + " to be ready at " + s.url(), () -> probe.isReady(s));
        }
    }

    /** The data-plane secret the pools and workers of this cluster share. */
    private static String newSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
