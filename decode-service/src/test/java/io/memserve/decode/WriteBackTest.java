package io.memserve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.kvblock.BlockLayout;
import io.memserve.serving.api.FinishReason;
import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.Sampling;
import io.memserve.serving.api.WorkerEvent;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PD-Caching-3: a finished sequence's prompt and answer are in the pools, and the next turn loads them. */
class WriteBackTest {

    private static final int T = BlockLayout.TOKENS_PER_BLOCK;
    private static final Sampling GREEDY = Sampling.greedy(5);

    private final TestCluster cluster = TestCluster.get();

    @Test
    void decodeWritesPromptAndAnswerToItsPoolAndThePrefillPool() {
        int[] prompt = Requests.prompt(41, 21);
        int first = Requests.prefillInto(cluster.reference, cluster.decodePool, prompt, GREEDY);

        List<WorkerEvent> events = cluster.decode.run("/internal/decode",
                Requests.decode(prompt, first, GREEDY, 30, true, cluster.prefillPool.id, true));

        int[] answer = IntStream.concat(IntStream.of(first), IntStream.of(Requests.tokens(events))).toArray();
        assertEquals(FinishReason.LENGTH, Requests.finish(events).finishReason());
        int[] conversation = IntStream.concat(IntStream.of(prompt), IntStream.of(answer)).toArray();
        // The last answer token was sampled but never fed, so its KV does not exist.
        int written = (conversation.length - 1) / T * T;
        assertEquals(written, Requests.matchedTokens(cluster.decodePool, cluster.reference, conversation));
        assertEquals(written, Requests.matchedTokens(cluster.prefillPool, cluster.reference, conversation));
    }

    @Test
    void colocatedNextTurnFindsPromptAndAnswerAndAnswersTheSame() {
        int[] prompt = Requests.prompt(50, 22);
        int[] answer = Requests.tokens(cluster.colocated.run("/internal/generate",
                Requests.generate(prompt, GREEDY, 20, true, true)));
        int[] next = IntStream.concat(IntStream.concat(IntStream.of(prompt), IntStream.of(answer)),
                IntStream.of(Requests.prompt(5, 23))).toArray();

        List<WorkerEvent> turn2 = cluster.colocated.run("/internal/generate",
                Requests.generate(next, GREEDY, 6, true, true));

        assertEquals(new MetaEvent(next.length, (prompt.length + answer.length - 1) / T * T), turn2.getFirst());
        assertArrayEquals(Requests.expected(cluster.reference, next, GREEDY, 6), Requests.tokens(turn2));
    }
}
