package io.memserve.scheduler.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.memserve.openai.FinishReason;
import io.memserve.openai.OpenAiException;
import io.memserve.serving.api.FinishEvent;
import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.TokenEvent;
import io.memserve.tokenizer.GeneratedTokenizer;
import io.memserve.tokenizer.Tokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputAssemblerTest {
    private static Tokenizer tokenizer;
    private static int eos;

    @BeforeAll
    static void tokenizer(@TempDir Path dir) {
        GeneratedTokenizer.Info info = GeneratedTokenizer.write(dir, 1024, 0);
        tokenizer = Tokenizer.load(dir);
        eos = info.eosId();
    }

    @Test
    void textIsCutBeforeTheFirstStopStringEvenAcrossTokens() {
        int[] ids = tokenizer.encode("the cat sat. END of it");
        List<GenerationOutput> out = run(ids, List.of("END"), 100, false);
        assertEquals("the cat sat. ", text(out));
        GenerationOutput.Finished finish = (GenerationOutput.Finished) out.getLast();
        assertEquals(FinishReason.STOP, finish.reason());
        assertEquals(tokensUntil(ids, "the cat sat. END"), finish.completionTokens());
    }

    @Test
    void aStopTokenEndsWithStopAndItsTextIsNotShown() {
        int[] ids = IntStream.concat(IntStream.of(tokenizer.encode("hello world")), IntStream.of(eos, 5)).toArray();
        List<GenerationOutput> out = run(ids, List.of(), 100, false);
        assertEquals("hello world", text(out));
        assertEquals(new GenerationOutput.Finished(FinishReason.STOP, ids.length - 1), out.getLast());
    }

    @Test
    void ignoreEosKeepsGoingToTheLengthBound() {
        int[] ids = IntStream.concat(IntStream.of(tokenizer.encode("hi")), IntStream.of(eos, eos, eos)).toArray();
        List<GenerationOutput> out = run(ids, List.of(), 4, true);
        assertEquals(new GenerationOutput.Finished(FinishReason.LENGTH, 4), out.getLast());
        assertEquals(IntStream.of(ids).limit(4).boxed().toList(), tokens(out));
    }

    @Test
    void theWorkersFinishPassesHeldBackTextOn() {
        int[] ids = tokenizer.encode("almost EN");
        GenerationSpec spec = spec(List.of("END"), 100, false);
        OutputAssembler assembler = new OutputAssembler(tokenizer.streamingDetokenizer(true), spec);
        List<GenerationOutput> out = new ArrayList<>();
        assembler.accept(new MetaEvent(3, 0), out::add);
        for (int i = 0; i < ids.length; i++) {
            assembler.accept(new TokenEvent(ids[i], i), out::add);
        }
        assembler.accept(new FinishEvent(io.memserve.serving.api.FinishReason.LENGTH, ids.length), out::add);
        assembler.ended();
        assertEquals(new GenerationOutput.Started(3, 0), out.getFirst());
        assertEquals("almost EN", text(out));
        assertEquals(new GenerationOutput.Finished(FinishReason.LENGTH, ids.length), out.getLast());
        assertEquals(IntStream.of(ids).boxed().toList(), tokens(out));
    }

    @Test
    void onlyAStopStringCutsTheWorkersStreamShort() {
        int[] stopped = tokenizer.encode("the cat sat. END of it");
        assertTrue(assemble(stopped, List.of("END"), 100).stoppedByString(),
                "the worker cannot see a stop string, so its stream is cancelled");
        int[] eosEnded = IntStream.concat(IntStream.of(tokenizer.encode("hello")), IntStream.of(eos)).toArray();
        assertFalse(assemble(eosEnded, List.of(), 100).stoppedByString(),
                "a stop token ends the worker too, which then writes the KV back before completing its stream");
        assertFalse(assemble(tokenizer.encode("one two three"), List.of(), 2).stoppedByString(),
                "the length bound ends the worker too");
    }

    private static OutputAssembler assemble(int[] ids, List<String> stops, int maxTokens) {
        OutputAssembler assembler = new OutputAssembler(tokenizer.streamingDetokenizer(true),
                spec(stops, maxTokens, false));
        for (int i = 0; i < ids.length; i++) {
            assembler.accept(new TokenEvent(ids[i], i), o -> { });
        }
        assembler.ended();
        return assembler;
    }

    @Test
    void aStreamThatEndsWithoutFinishingIsAnError() {
        OutputAssembler assembler = new OutputAssembler(tokenizer.streamingDetokenizer(true),
                spec(List.of(), 10, false));
        assembler.accept(new TokenEvent(tokenizer.encode("x")[0], 0), o -> { });
        assertThrows(OpenAiException.class, assembler::ended);
    }

    private static List<GenerationOutput> run(int[] ids, List<String> stops, int maxTokens, boolean ignoreEos) {
        OutputAssembler assembler = new OutputAssembler(tokenizer.streamingDetokenizer(true),
                spec(stops, maxTokens, ignoreEos));
        List<GenerationOutput> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            assembler.accept(new TokenEvent(ids[i], i), out::add);
        }
        assembler.ended();
        return out;
    }

    private static GenerationSpec spec(List<String> stops, int maxTokens, boolean ignoreEos) {
        return new GenerationSpec("r", new int[] {1}, Sampling.greedy(0), maxTokens, new int[] {eos}, ignoreEos,
                stops, true);
    }

    private static String text(List<GenerationOutput> out) {
        return out.stream().filter(o -> o instanceof GenerationOutput.Piece)
                .map(o -> ((GenerationOutput.Piece) o).text()).collect(Collectors.joining());
    }

    private static List<Integer> tokens(List<GenerationOutput> out) {
        return out.stream().filter(o -> o instanceof GenerationOutput.Piece)
                .flatMap(o -> ((GenerationOutput.Piece) o).tokenIds().stream()).toList();
    }

    private static int tokensUntil(int[] ids, String prefix) {
        for (int n = 1; n <= ids.length; n++) {
            if (tokenizer.decode(java.util.Arrays.copyOf(ids, n), true).contains(prefix)) {
                return n;
            }
        }
        throw new AssertionError(prefix + " never appears");
    }
}
