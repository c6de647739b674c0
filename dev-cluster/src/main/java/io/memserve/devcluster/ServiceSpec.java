package io.memserve.devcluster;

import java.util.Map;

/**
 * One service process to start: its name in logs and messages, the module whose jar it runs, its heap, its
 * environment (the variables of docs/serving-internals.md) and the HTTP port its actuator answers on.
 */
record ServiceSpec(String name, String module, String heap, Map<String, String> environment, int httpPort) {

    ServiceSpec {
        environment = Map.copyOf(environment);
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }
}
