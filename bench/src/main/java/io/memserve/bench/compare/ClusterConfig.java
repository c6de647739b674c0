package io.memserve.bench.compare;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration of a comparison: a name and either dev-cluster flags to start a cluster with
 * ({@code --config "NAME: flags"}) or a running cluster's URL ({@code --url NAME=URL}).
 */
record ClusterConfig(String name, List<String> devClusterFlags, String url) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern FLAGS = Pattern.compile("\\s*([^:]+?)\\s*:(.*)");
    private static final Pattern URL = Pattern.compile("\\s*([^=]+?)\\s*=\\s*(\\S+)\\s*");

    ClusterConfig {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("configuration name '" + name + "' must be letters, digits, '.', '_' "
                    + "or '-' (it names the report files)");
        }
        devClusterFlags = devClusterFlags == null ? null : List.copyOf(devClusterFlags);
    }

    /** {@code "NAME: --flag=value --flag=value"}; flags are split at white space. */
    static ClusterConfig started(String spec) {
        Matcher m = FLAGS.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("--config must be \"NAME: dev-cluster flags\", got '" + spec + "'");
        }
        String flags = m.group(2).strip();
        return new ClusterConfig(m.group(1), flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+")), null);
    }

    /** {@code "NAME=URL"}. */
    static ClusterConfig running(String spec) {
        Matcher m = URL.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("--url must be NAME=URL, got '" + spec + "'");
        }
        return new ClusterConfig(m.group(1), null, m.group(2));
    }

    boolean startsCluster() {
        return devClusterFlags != null;
    }
}
