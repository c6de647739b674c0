package io.memserve.bench;

import io.memserve.bench.mempool.MemPoolBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar memserve-bench.jar <benchmark> [options]}: one subcommand per benchmark. */
@Command(name = "memserve-bench", mixinStandardHelpOptions = true,
        description = "MemServe benchmarks; each prints its figures as one JSON object on its last line.",
        subcommands = {MemPoolBenchCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
