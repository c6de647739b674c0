package io.memserve.bench.run;

import io.memserve.bench.workload.Workload;
import picocli.CommandLine;

/** Reads {@code --workload} by its name. */
final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
    @Override
    public Workload convert(String value) {
        return Workload.fromId(value);
    }
}
