package io.memserve.devcluster;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar dev-cluster/target/memserve-dev.jar}: the whole cluster on this machine. Progress goes to stderr;
 * stdout gets exactly one line, once everything is ready: {@code MemServe ready: http://localhost:PORT api-key=KEY}.
 */
@Command(name = "memserve-dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Starts MemServe on this machine: Redis, a generated model, MemPools, prefill and decode "
                + "workers, the scheduler and the gateway, each service as its own process. Ctrl-C stops it all.")
public final class DevClusterCommand implements Callable<Integer> {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "memserve");

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port (0: a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--mode", defaultValue = "disaggregated", converter = ModeConverter.class,
            description = "disaggregated or colocated. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--prefill", description = "Prefill instances (disaggregated mode). Default: 1.")
    Integer prefill;

    @Option(names = "--decode", defaultValue = "1",
            description = "Decode instances, or colocated instances in colocated mode. Default: ${DEFAULT-VALUE}.")
    int decode;

    @Option(names = "--mempools", description = "MemPool processes; worker i uses pool i mod K. Default: one per worker.")
    Integer mempools;

    @Option(names = "--cache", defaultValue = "on", description = "Context caching, on or off. Default: ${DEFAULT-VALUE}.")
    String cache;

    @Option(names = "--policy", defaultValue = "prompt-tree", converter = PolicyConverter.class,
            description = "prompt-tree, least-load, session or round-robin. Default: ${DEFAULT-VALUE}.")
    Policy policy;

    @Option(names = "--api-key", description = "An API key the gateway accepts (repeatable). Default: a generated key.")
    List<String> apiKeys;

    @Option(names = "--model", defaultValue = "tiny",
            description = "tiny, bench, or a Hugging Face model directory. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--model-seed", defaultValue = "0", description = "Seed of a generated model. Default: ${DEFAULT-VALUE}.")
    long modelSeed;

    @Option(names = "--redis", description = "Use this Redis (redis://host:port) instead of an embedded one.")
    String redisUrl;

    @Option(names = "--run-dir", description = "Where the services' logs go. Default: a new directory under "
            + "~/.cache/memserve/runs.")
    Path runDir;

    @Option(names = "--pool-capacity", defaultValue = "256MB",
            description = "DRAM of each MemPool. Default: ${DEFAULT-VALUE}.")
    String poolCapacity;

    @Option(names = "--start-timeout", defaultValue = "300",
            description = "Seconds to wait for every service to be ready. Default: ${DEFAULT-VALUE}.")
    long startTimeoutSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevClusterCommand()).execute(args));
    }

    /** The cluster these arguments describe, as the jar would start it; bad arguments throw with picocli's message. */
    public static ClusterSpec parse(String... args) {
        DevClusterCommand command = new DevClusterCommand();
        new CommandLine(command).parseArgs(args);
        return command.spec();
    }

    @Override
    public Integer call() throws InterruptedException {
        ClusterSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        RunningCluster cluster;
        try {
            cluster = DevCluster.start(spec, line -> System.err.println("memserve-dev: " + line),
                    created -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        System.err.println("memserve-dev: stopping");
                        created.close();
                    }, "memserve-dev-shutdown")));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        System.out.println("MemServe ready: " + cluster.gatewayUrl() + " api-key=" + cluster.apiKey());
        System.out.flush();
        Optional<String> failure = cluster.awaitServiceExit();
        if (failure.isEmpty()) {
            // Stopping: the shutdown hook finishes the work and the JVM exits when it is done.
            new CountDownLatch(1).await();
        }
        System.err.println("error: " + failure.get() + System.lineSeparator() + "memserve-dev: stopping");
        cluster.close();
        return 1;
    }

    private ClusterSpec spec() {
        int prefillCount = prefill != null ? prefill : mode == Mode.DISAGGREGATED ? 1 : 0;
        if (mode == Mode.COLOCATED && prefill != null) {
            throw new IllegalArgumentException("--prefill applies to disaggregated mode only: colocated mode runs "
                    + "--decode instances that both prefill and decode");
        }
        boolean caching = switch (cache) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--cache must be on or off, got '" + cache + "'");
        };
        int workers = prefillCount + decode;
        List<String> keys = apiKeys == null || apiKeys.isEmpty() ? List.of(generatedKey()) : apiKeys;
        Path logs = runDir != null ? runDir : CACHE.resolve("runs").resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                        + ProcessHandle.current().pid());
        return new ClusterSpec(port, mode, prefillCount, decode, mempools != null ? mempools : workers, caching, policy,
                keys, model, modelSeed, CACHE.resolve("models"), redisUrl, logs.toAbsolutePath(), poolCapacity,
                Duration.ofSeconds(startTimeoutSeconds));
    }

    private static String generatedKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "sk-memserve-" + HexFormat.of().formatHex(bytes);
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Mode.fromId(value);
        }
    }

    static final class PolicyConverter implements CommandLine.ITypeConverter<Policy> {
        @Override
        public Policy convert(String value) {
            return Policy.fromId(value);
        }
    }
}
