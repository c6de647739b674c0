package io.memserve.decode;

import io.memserve.checkpoint.CheckpointGenerator;
import io.memserve.checkpoint.Preset;
import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.testcluster.PoolProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every test of this module shares, started once per JVM: Redis, the tiny model, two real pools (the decode
 * node's and a prefill node's), a decode worker and a colocated worker on the decode node, and a reference engine of
 * the same model for the expected tokens.
 */
final class TestCluster {

    static final int KV_PAGES = 256;

    private static TestCluster instance;

    final Path modelDir;
    final PoolProcess decodePool;
    final PoolProcess prefillPool;
    final TestWorker decode;
    final TestWorker colocated;
    final Engine reference;

    private TestCluster() {
        try {
            modelDir = CheckpointGenerator.generate(Files.createTempDirectory("decode-test-model"), Preset.TINY, 7);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        decodePool = new PoolProcess("pool-d");
        prefillPool = new PoolProcess("pool-p");
        decodePool.awaitReady();
        prefillPool.awaitReady();
        decode = new TestWorker("decode-0", "decode", modelDir, decodePool);
        colocated = new TestWorker("colocated-0", "colocated", modelDir, decodePool);
        reference = Engine.load(modelDir, new EngineOptions(KV_PAGES, 1));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            decode.close();
            colocated.close();
            decodePool.close();
            prefillPool.close();
        }));
    }

    static synchronized TestCluster get() {
        if (instance == null) {
            instance = new TestCluster();
        }
        return instance;
    }
}
