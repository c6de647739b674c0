package io.memserve.engine.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point. The Vector API is an incubator module that a plain {@code java -jar} does not load, so when
 * it is missing this starts the same JVM again with it (and native access) enabled, same arguments, same IO, and
 * exits with the child's status.
 */
public final class Launcher {

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String RELAUNCHED = "memserve.engine.relaunched";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            System.exit(EngineCommand.execute(args));
        }
        if (Boolean.getBoolean(RELAUNCHED)) {
            System.err.println("error: the JVM did not load " + VECTOR_MODULE + " even with --add-modules");
            System.exit(1);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("--add-modules=" + VECTOR_MODULE);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineCommand.class.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        System.exit(child.waitFor());
    }
}
