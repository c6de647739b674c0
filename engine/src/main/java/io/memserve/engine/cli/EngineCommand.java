package io.memserve.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code memserve-engine}: generate a model, complete a prompt, measure speed, dump logits. */
@Command(name = "memserve-engine", mixinStandardHelpOptions = true, version = "memserve-engine 0.1.0",
        description = "MemServe's Llama inference engine (CPU, Vector API).",
        subcommands = {GenerateCommand.class, CompleteCommand.class, BenchCommand.class, LogitsCommand.class})
public final class EngineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String[] args) {
        return new CommandLine(new EngineCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
