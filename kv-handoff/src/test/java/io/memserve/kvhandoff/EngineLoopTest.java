package io.memserve.kvhandoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class EngineLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path models;
    private static Engine engine;
    private static EngineLoop loop;

    @BeforeAll
    static void start() {
        engine = TestModel.load(models, 64);
        loop = new EngineLoop(engine, 24);
    }

    @AfterAll
    static void stop() {
        loop.close();
        engine.close();
    }

    @Test
    void concurrentFeedsGiveTheLogitsOfEachSequenceAlone() {
        List<int[]> prompts = List.of(TestModel.prompt(50, 1), TestModel.prompt(7, 2), TestModel.prompt(1, 3));
        List<float[]> alone = prompts.stream().map(EngineLoopTest::prefillAlone).toList();

        List<Sequence> sequences = prompts.stream().map(p -> engine.newSequence()).toList();
        List<float[]> together = Flux.range(0, prompts.size())
                .flatMapSequential(i -> loop.feed(sequences.get(i), prompts.get(i)))
                .collectList().block(WAIT);

        for (int i = 0; i < prompts.size(); i++) {
            TestModel.assertSameBits(alone.get(i), together.get(i));
            assertEquals(prompts.get(i).length, sequences.get(i).length());
        }
        Flux.fromIterable(sequences).concatMap(loop::release).blockLast(WAIT);
    }

    @Test
    void decodeTokensFedOneAtATimeContinueTheSequence() {
        int[] prompt = TestModel.prompt(20, 4);
        int[] whole = Arrays.copyOf(prompt, 23);
        whole[20] = 5;
        whole[21] = 6;
        whole[22] = 7;
        float[] expected = prefillAlone(whole);

        Sequence sequence = engine.newSequence();
        float[] last = loop.feed(sequence, prompt)
                .then(loop.feed(sequence, new int[] {5}))
                .then(loop.feed(sequence, new int[] {6}))
                .then(loop.feed(sequence, new int[] {7}))
                .block(WAIT);

        TestModel.assertSameBits(expected, last);
        loop.release(sequence).block(WAIT);
    }

    @Test
    void releasingASequenceGivesItsPagesBack() {
        int free = loop.call(() -> engine.pages().freePages()).block(WAIT);
        Sequence sequence = engine.newSequence();
        loop.feed(sequence, TestModel.prompt(40, 5)).block(WAIT);

        loop.release(sequence).block(WAIT);

        assertEquals(free, loop.call(() -> engine.pages().freePages()).block(WAIT));
    }

    @Test
    void aBadTokenFailsItsFeedAndTheLoopGoesOn() {
        Sequence bad = engine.newSequence();
        assertThrows(IllegalArgumentException.class,
                () -> loop.feed(bad, new int[] {engine.config().vocabSize()}).block(WAIT));
        loop.release(bad).block(WAIT);

        Sequence good = engine.newSequence();
        TestModel.assertSameBits(prefillAlone(new int[] {9, 10}), loop.feed(good, new int[] {9, 10}).block(WAIT));
        loop.release(good).block(WAIT);
    }

    /** Through the loop too, but with nothing else pending: the reference for batched runs. */
    private static float[] prefillAlone(int[] prompt) {
        Sequence sequence = engine.newSequence();
        return Mono.usingWhen(Mono.just(sequence), s -> loop.feed(s, prompt), loop::release).block(WAIT);
    }
}
