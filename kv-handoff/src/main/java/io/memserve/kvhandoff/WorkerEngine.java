package io.memserve.kvhandoff;

import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.engine.EngineWarmUp;
import java.nio.file.Path;

/** How a prefill or decode worker gets its engine: loaded, then warmed up before the worker takes any request. */
public final class WorkerEngine {

    private WorkerEngine() {
    }

    /** {@code threads} 0 means one per core. */
    public static Engine load(Path modelDir, int kvPages, int threads) {
        int kernelThreads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Engine engine = Engine.load(modelDir, new EngineOptions(kvPages, kernelThreads));
        try {
            EngineWarmUp.run(engine);
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }
}
