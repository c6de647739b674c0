package io.memserve.engine;

import static io.memserve.engine.TestModels.assertSameBits;
import static io.memserve.engine.TestModels.feed;
import static io.memserve.engine.TestModels.prefill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.engine.generation.Generator;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Caching, chunking and batching change how fast logits come, never a bit of them. */
class ExactnessTest {

    private static final int PROMPT = 70;
    private static final Map<DType, Engine> ENGINES = new EnumMap<>(DType.class);

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        for (DType dtype : List.of(DType.F32, DType.BF16)) {
            ENGINES.put(dtype, TestModels.generateAndLoad(dir.resolve(dtype.name().toLowerCase()),
                    TestModels.oddShape(dtype), 2));
        }
    }

    @AfterAll
    static void close() {
        ENGINES.values().forEach(Engine::close);
    }

    private static int[] prompt(Engine engine) {
        return TestModels.randomTokens(PROMPT, engine.config().vocabSize(), 5);
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "BF16"})
    void chunkingThePromptDoesNotChangeABit(DType dtype) {
        Engine engine = ENGINES.get(dtype);
        int[] prompt = prompt(engine);
        float[] whole = prefill(engine, prompt, PROMPT);
        for (int chunk : new int[] {1, 7, 16, 33}) {
            assertSameBits(whole, prefill(engine, prompt, chunk), "chunks of " + chunk);
        }
        assertEquals(engine.pages().capacity(), engine.pages().freePages(), "closed sequences give back their pages");
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "BF16"})
    void prefixPagesExportedAndImportedGiveTheSameLogits(DType dtype) {
        Engine engine = ENGINES.get(dtype);
        int[] prompt = prompt(engine);
        int reused = PROMPT / BlockLayout.TOKENS_PER_BLOCK;
        int[] prefix = Arrays.copyOf(prompt, reused * BlockLayout.TOKENS_PER_BLOCK);
        try (Arena outside = Arena.ofConfined()) {
            float[] whole;
            List<MemorySegment> blocks = new ArrayList<>();
            try (Sequence first = engine.newSequence()) {
                whole = feed(engine, first, prompt, 0, PROMPT);
                assertArrayEquals(engine.keyChain().keys(prompt), first.pageKeys(engine.keyChain()));
                for (int i = 0; i < reused; i++) {
                    blocks.add(outside.allocate(engine.kvLayout().bytes()).copyFrom(first.exportPage(i)));
                }

                try (Sequence sharing = engine.newSequence()) {
                    int[] shared = new int[reused];
                    for (int i = 0; i < reused; i++) {
                        shared[i] = first.pageId(i);
                    }
                    sharing.attachPrefix(shared, prefix);
                    assertSameBits(whole, feed(engine, sharing, prompt, prefix.length, 7), "prefix pages shared");
                }
            }

            int[] imported = new int[reused];
            for (int i = 0; i < reused; i++) {
                imported[i] = engine.pages().importPage(blocks.get(i));
            }
            try (Sequence second = engine.newSequence()) {
                second.attachPrefix(imported, prefix);
                for (int page : imported) {
                    engine.pages().release(page);
                }
                assertSameBits(whole, feed(engine, second, prompt, prefix.length, PROMPT), "prefix pages imported");
                assertArrayEquals(engine.keyChain().keys(prefix), second.pageKeys(engine.keyChain()));
            }
        }
        assertEquals(engine.pages().capacity(), engine.pages().freePages());
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "BF16"})
    void aBatchOfEightMixedSequencesDoesNotChangeABit(DType dtype) {
        Engine engine = ENGINES.get(dtype);
        int[] prompt = prompt(engine);
        List<float[]> alone = run(engine, prompt, List.of());
        List<int[]> companions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            companions.add(TestModels.randomTokens(5 + 13 * i, engine.config().vocabSize(), 100 + i));
        }
        List<float[]> batched = run(engine, prompt, companions);
        assertEquals(alone.size(), batched.size());
        for (int i = 0; i < alone.size(); i++) {
            assertSameBits(alone.get(i), batched.get(i), "step " + i + " in a batch of 8");
        }
    }

    /**
     * Prefills the target in chunks of 33 then decodes it greedily for 10 tokens, each step shared with the companions,
     * which prefill their own prompts in chunks of 9 and then decode. Returns the target's logits of every step.
     */
    private static List<float[]> run(Engine engine, int[] prompt, List<int[]> companionPrompts) {
        List<Sequence> companions = new ArrayList<>();
        companionPrompts.forEach(p -> companions.add(engine.newSequence()));
        int[] companionNext = new int[companions.size()];
        List<float[]> targetLogits = new ArrayList<>();
        try (Sequence target = engine.newSequence()) {
            int fed = 0;
            int next = -1;
            while (targetLogits.size() < 3 + 10) {
                List<SequenceStep> steps = new ArrayList<>();
                int[] targetTokens = fed < prompt.length
                        ? Arrays.copyOfRange(prompt, fed, Math.min(prompt.length, fed + 33))
                        : new int[] {next};
                fed += targetTokens.length;
                steps.add(SequenceStep.of(target, targetTokens));
                for (int c = 0; c < companions.size(); c++) {
                    Sequence s = companions.get(c);
                    int[] p = companionPrompts.get(c);
                    steps.add(SequenceStep.of(s, s.length() < p.length
                            ? Arrays.copyOfRange(p, s.length(), Math.min(p.length, s.length() + 9))
                            : new int[] {companionNext[c]}));
                }
                List<float[]> logits = engine.step(steps);
                targetLogits.add(logits.getFirst());
                next = engine.sample(logits.getFirst(), SamplingParams.GREEDY, 0);
                for (int c = 0; c < companions.size(); c++) {
                    companionNext[c] = engine.sample(logits.get(c + 1), SamplingParams.GREEDY, 0);
                }
            }
        } finally {
            companions.forEach(Sequence::close);
        }
        return targetLogits;
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "BF16"})
    void greedyGenerationsAgreeAcrossChunkingAndPrefixReuse(DType dtype) {
        Engine engine = ENGINES.get(dtype);
        int[] prompt = prompt(engine);
        int[] expected = generate(engine, engine.newSequence(), prompt, PROMPT);
        for (int chunk : new int[] {1, 7, 16, 33}) {
            assertArrayEquals(expected, generate(engine, engine.newSequence(), prompt, chunk), "chunks of " + chunk);
        }
        try (Sequence donor = engine.newSequence()) {
            feed(engine, donor, prompt, 0, PROMPT);
            Sequence reuser = engine.newSequence();
            reuser.attachPrefix(new int[] {donor.pageId(0), donor.pageId(1)}, Arrays.copyOf(prompt, 32));
            assertArrayEquals(expected, generate(engine, reuser, prompt, 16), "after reusing two pages");
        }
    }

    @Test
    void theThreadCountDoesNotChangeABit(@TempDir Path single) {
        Engine engine = ENGINES.get(DType.F32);
        int[] prompt = prompt(engine);
        try (Engine oneThread = TestModels.generateAndLoad(single, TestModels.oddShape(DType.F32), 1)) {
            assertSameBits(prefill(engine, prompt, 16), prefill(oneThread, prompt, 16), "one thread against two");
        }
    }

    private static int[] generate(Engine engine, Sequence seq, int[] prompt, int chunk) {
        try (seq) {
            return new Generator(engine, chunk).generate(seq, prompt, 24, SamplingParams.GREEDY, t -> { })
                    .tokens();
        }
    }
}
