package io.memserve.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local cluster started as {@code java -jar memserve-dev.jar --port=0 FLAGS}, ready once it prints
 * {@code MemServe ready: URL api-key=KEY}; closing it sends SIGTERM (its shutdown hook stops every service) and waits.
 * The gateway's rate limit is lifted unless the environment sets it, so the limiter never shapes the load.
 */
final class DevClusterProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("MemServe ready: (\\S+) api-key=(\\S+)");
    private static final String UNLIMITED = "1000000";
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final Process process;
    private final String url;
    private final String apiKey;

    private DevClusterProcess(Process process, String url, String apiKey) {
        this.process = process;
        this.url = url;
        this.apiKey = apiKey;
    }

    static DevClusterProcess start(Path devJar, List<String> flags, Path log, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(devJar)) {
            throw new IllegalArgumentException(devJar + " does not exist: build it (./mvnw -DskipTests package) or "
                    + "give --dev-jar");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", devJar.toString()));
        if (flags.stream().noneMatch(f -> f.startsWith("--port"))) {
            command.add("--port=0");
        }
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        env.putIfAbsent("MEMSERVE_RATE_LIMIT_RPS", UNLIMITED);
        env.putIfAbsent("MEMSERVE_RATE_LIMIT_BURST", UNLIMITED);
        Process process = builder.start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> watch(process, ready));
        try {
            Matcher m = ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
            return new DevClusterProcess(process, m.group(1), m.group(2));
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IOException("memserve-dev " + String.join(" ", flags) + " did not become ready: "
                    + (e instanceof TimeoutException ? "no ready line within " + timeout.toSeconds() + " s"
                    : e.getCause().getMessage()) + "; its log: " + log, e);
        }
    }

    String url() {
        return url;
    }

    String apiKey() {
        return apiKey;
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void watch(Process process, CompletableFuture<Matcher> ready) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready.complete(m);
                }
            }
            ready.completeExceptionally(new IOException("it exited with " + process.waitFor() + " before the ready "
                    + "line"));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
