package io.memserve.engine.cli;

import io.memserve.engine.launch.VectorModuleRelaunch;

/** The jar's entry point: makes sure the Vector API is loaded (see {@link VectorModuleRelaunch}), then runs the command. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(VectorModuleRelaunch.needed() ? VectorModuleRelaunch.run() : EngineCommand.execute(args));
    }
}
