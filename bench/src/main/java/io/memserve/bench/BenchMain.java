package io.memserve.bench;

import java.io.IOException;

import io.memserve.bench.compare.CompareCommand;
import io.memserve.bench.mempool.MemPoolBenchCommand;
import io.memserve.bench.run.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar memserve-bench.jar <benchmark> [options]}: one subcommand per benchmark. */
@Command(name = "memserve-bench", mixinStandardHelpOptions = true,
        description = "MemServe benchmarks: mempool prints its figures as one JSON object on its last line; run and "
                + "compare play workloads against the serving path and write reports.",
        subcommands = {MemPoolBenchCommand.class, RunCommand.class, CompareCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Bad argument values (exit 2) and a server that cannot be reached or refuses (exit 1) are reported as one line,
     * like picocli's own parse errors, not as a stack trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new BenchMain()).setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IOException) {
                line.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                return e instanceof IOException ? 1 : 2;
            }
            throw e;
        });
    }
}
