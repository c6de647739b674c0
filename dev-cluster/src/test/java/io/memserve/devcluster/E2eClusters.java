package io.memserve.devcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster the end-to-end tests talk to, started through the launcher the jar uses. One cluster runs at a time (two
 * cores): asking for the configuration already running reuses it, asking for another stops it and starts the new one.
 * A configuration that failed to start fails again at once rather than costing another start.
 */
final class E2eClusters {

    /** Each test purpose draws on its own key, so one test's rate-limit bucket never throttles another's. */
    static final String KEY = "sk-e2e-main";
    static final String RATE_LIMITED_KEY = "sk-e2e-rate";
    static final String STREAMS_KEY = "sk-e2e-streams";

    private static final Map<List<String>, RuntimeException> FAILED = new HashMap<>();
    private static RunningCluster current;
    private static List<String> currentOptions;
    private static int started;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(E2eClusters::stopCurrent, "e2e-cluster-stop"));
    }

    private E2eClusters() {
    }

    /** A cluster started with {@code options} (the jar's own options) on free ports, with the test keys. */
    static synchronized RunningCluster with(String... options) {
        List<String> wanted = List.of(options);
        if (wanted.equals(currentOptions)) {
            return current;
        }
        RuntimeException earlier = FAILED.get(wanted);
        if (earlier != null) {
            throw earlier;
        }
        stopCurrent();
        List<String> args = new ArrayList<>(wanted);
        args.add("--port=0");
        args.add("--start-timeout=600");
        args.add("--run-dir=" + Path.of("target", "e2e-runs", ++started + "-" + String.join("", wanted)
                .replaceAll("[^a-z0-9=]+", "_")).toAbsolutePath());
        args.add("--api-key=" + KEY);
        args.add("--api-key=" + RATE_LIMITED_KEY);
        args.add("--api-key=" + STREAMS_KEY);
        try {
            current = DevCluster.start(DevClusterCommand.parse(args.toArray(String[]::new)),
                    line -> System.err.println("e2e cluster " + wanted + ": " + line));
            currentOptions = wanted;
            return current;
        } catch (RuntimeException e) {
            FAILED.put(wanted, e);
            throw e;
        }
    }

    private static synchronized void stopCurrent() {
        if (current != null) {
            current.close();
            current = null;
            currentOptions = null;
        }
    }
}
