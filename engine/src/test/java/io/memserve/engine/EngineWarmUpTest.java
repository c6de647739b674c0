package io.memserve.engine;

import static io.memserve.engine.TestModels.assertSameBits;
import static io.memserve.engine.TestModels.prefill;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.kvblock.DType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void leavesEveryPageFreeAndChangesNoLogit() {
        try (Engine cold = TestModels.generateAndLoad(dir.resolve("cold"), TestModels.oddShape(DType.BF16), 2);
                Engine warm = TestModels.generateAndLoad(dir.resolve("warm"), TestModels.oddShape(DType.BF16), 2)) {
            EngineWarmUp.run(warm);
            assertEquals(warm.pages().capacity(), warm.pages().freePages(), "the warm-up gives back its pages");
            int[] prompt = TestModels.randomTokens(40, cold.config().vocabSize(), 3);
            assertSameBits(prefill(cold, prompt, 40), prefill(warm, prompt, 40), "after a warm-up");
        }
    }

    @Test
    void aPoolTooSmallForItIsLeftAlone() {
        TestModels.generateAndLoad(dir.resolve("m"), TestModels.oddShape(DType.F32), 1).close();
        try (Engine engine = Engine.load(dir.resolve("m"), new EngineOptions(2, 1))) {
            EngineWarmUp.run(engine);
            assertEquals(2, engine.pages().freePages());
        }
    }
}
