package io.memserve.scheduler.routing;

import io.memserve.serving.api.InstanceRecord;

/** Where one request runs; {@link #close()} tells the router it no longer loads those instances. */
public sealed interface Route extends AutoCloseable {

    record Colocated(InstanceRecord instance, Runnable release) implements Route {
        @Override
        public void close() {
            release.run();
        }
    }

    record Disaggregated(InstanceRecord prefill, InstanceRecord decode, Runnable release) implements Route {
        @Override
        public void close() {
            release.run();
        }
    }

    @Override
    void close();
}
