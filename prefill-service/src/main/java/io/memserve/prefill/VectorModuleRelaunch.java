package io.memserve.prefill;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine needs the Vector API, an incubator module that a plain {@code java -jar} does not load. When it is
 * missing, the same command line runs again in a child JVM with the module and native access enabled, sharing this
 * process's IO; this process then exits with the child's status.
 */
final class VectorModuleRelaunch {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String RELAUNCHED = "memserve.relaunched";

    private VectorModuleRelaunch() {
    }

    static boolean needed() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            return false;
        }
        if (Boolean.getBoolean(RELAUNCHED)) {
            throw new IllegalStateException("the JVM did not load " + VECTOR_MODULE + " even with --add-modules");
        }
        return true;
    }

    static int run() throws Exception {
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
        // A SIGTERM to this process (dev-cluster stopping it) reaches the child, which shuts down gracefully.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            child.onExit().join();
        }));
        return child.waitFor();
    }
}
