package io.memserve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;

/**
 * A decode after a prefill, a colocated generation and the engine's own generator give the same tokens, greedy or
 * seeded, alone or sharing the batch with other sequences.
 */
class ExactnessTest {

    private static final int MAX_TOKENS = 24;

    private final TestCluster cluster = TestCluster.get();

    static Stream<Sampling> samplings() {
        return Stream.of(Sampling.greedy(1), new Sampling(0.9, 0.95, 40, 1234L));
    }

    @ParameterizedTest
    @MethodSource("samplings")
    void colocatedGenerationIsTheGeneratorsAnswer(Sampling sampling) {
        int[] prompt = Requests.prompt(37, 11);
        int[] expected = Requests.expected(cluster.reference, prompt, sampling, MAX_TOKENS);

        List<WorkerEvent> events = cluster.colocated.run("/internal/generate",
                Requests.generate(prompt, sampling, MAX_TOKENS, false, false));

        assertEquals(new MetaEvent(prompt.length, 0), events.getFirst());
        assertArrayEquals(expected, Requests.tokens(events));
        assertEquals(expected.length, Requests.finish(events).completionTokens());
        assertArrayEquals(IntStream.range(0, expected.length).toArray(), events.stream()
                .filter(TokenEvent.class::isInstance).mapToInt(e -> ((TokenEvent) e).index()).toArray());
    }

    @ParameterizedTest
    @MethodSource("samplings")
    void decodeAfterPrefillIsTheGeneratorsAnswer(Sampling sampling) {
        int[] prompt = Requests.prompt(45, 12);
        int[] expected = Requests.expected(cluster.reference, prompt, sampling, MAX_TOKENS);
        int first = Requests.prefillInto(cluster.reference, cluster.decodePool, prompt, sampling);

        List<WorkerEvent> events = cluster.decode.run("/internal/decode",
                Requests.decode(prompt, first, sampling, MAX_TOKENS, false, cluster.prefillPool.id, false));

        assertEquals(expected[0], first);
        assertArrayEquals(expected, prepend(first, Requests.tokens(events)));
        assertEquals(expected.length, Requests.finish(events).completionTokens());
    }

    @ParameterizedTest
    @MethodSource("samplings")
    void threeOtherSequencesInTheBatchChangeNothing(Sampling sampling) {
        int[] prompt = Requests.prompt(29, 13);
        int[] expected = Requests.expected(cluster.reference, prompt, sampling, MAX_TOKENS);
        int first = Requests.prefillInto(cluster.reference, cluster.decodePool, prompt, sampling);

        List<Disposable> others = IntStream.range(0, 3).mapToObj(i -> cluster.colocated.stream("/internal/generate",
                Requests.generate(Requests.prompt(20 + 7 * i, 100 + i), sampling, 60, true, false)).subscribe())
                .toList();
        List<Disposable> otherDecodes = IntStream.range(0, 3).mapToObj(i -> cluster.decode.stream("/internal/decode",
                Requests.decode(Requests.prompt(30 + 5 * i, 200 + i), 5, sampling, 60, true, cluster.prefillPool.id,
                        false)).subscribe())
                .toList();
        try {
            List<WorkerEvent> colocated = cluster.colocated.run("/internal/generate",
                    Requests.generate(prompt, sampling, MAX_TOKENS, false, false));
            List<WorkerEvent> decoded = cluster.decode.run("/internal/decode",
                    Requests.decode(prompt, first, sampling, MAX_TOKENS, false, cluster.prefillPool.id, false));

            assertArrayEquals(expected, Requests.tokens(colocated));
            assertArrayEquals(expected, prepend(first, Requests.tokens(decoded)));
        } finally {
            others.forEach(Disposable::dispose);
            otherDecodes.forEach(Disposable::dispose);
        }
    }

    private static int[] prepend(int first, int[] rest) {
        return IntStream.concat(IntStream.of(first), IntStream.of(rest)).toArray();
    }
}
