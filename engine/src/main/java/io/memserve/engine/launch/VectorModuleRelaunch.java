package io.memserve.engine.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine needs the Vector API, an incubator module that a plain {@code java -jar} does not load. Every program that
 * runs the engine (its command line, the prefill and decode services) starts with {@link #needed()}: when the module is
 * missing, {@link #run()} starts the same command line again in a child JVM with the module and native access enabled,
 * sharing this process's IO, and returns the child's exit status.
 */
public final class VectorModuleRelaunch {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String RELAUNCHED = "memserve.relaunched";

    private VectorModuleRelaunch() {
    }

    /** Whether this JVM lacks the Vector API and must be started again; fails if a relaunched JVM still lacks it. */
    public static boolean needed() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return false;
        }
        if (Boolean.getBoolean(RELAUNCHED)) {
            throw new IllegalStateException("the JVM did not load " + VECTOR_MODULE + " even with --add-modules");
        }
        return true;
    }

    /** Runs this JVM's command line again with the Vector API; returns the child's exit status. */
    public static int run() throws InterruptedException, java.io.IOException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> original = List.of(self.arguments().orElseThrow(
                () -> new IllegalStateException("cannot read this JVM's command line to start it with "
                        + VECTOR_MODULE + "; start it with --add-modules " + VECTOR_MODULE)));
        List<String> command = new ArrayList<>();
        command.add(self.command().orElseThrow());
        command.add("--add-modules=" + VECTOR_MODULE);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + RELAUNCHED + "=true");
        command.addAll(original);
        Process child = new ProcessBuilder(command).inheritIO().start();
        // A SIGTERM to this process (dev-cluster stopping it, Ctrl-C) reaches the child, which shuts down gracefully.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            child.onExit().join();
        }));
        return child.waitFor();
    }
}
