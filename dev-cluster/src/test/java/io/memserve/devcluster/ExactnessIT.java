package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Check 2: a four-turn greedy conversation gets the same tokens with cache on and off, disaggregated and colocated,
 * alone and beside 1 or 3 other conversations. "The same" is checked against the engine run here on one sequence with
 * nothing cached or batched, so every configuration agrees with it and with each other.
 */
@Order(5)
class ExactnessIT {

    private static final long CONVERSATION = 1;
    private static ReferenceModel reference;

    @AfterAll
    static void closeReference() {
        if (reference != null) {
            reference.close();
        }
    }

    /** The default (disaggregated, cache on) first: the cluster the classes before this one left running. */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "--cache=off", "--mode=colocated", "--mode=colocated --cache=off"})
    void sameTokensAsTheEngineAlone(String options) throws Exception {
        RunningCluster cluster = E2eClusters.with(options.isEmpty() ? new String[0] : options.split(" "));
        ReferenceModel model = reference(cluster.spec());
        GatewayClient client = new GatewayClient(cluster, E2eClusters.KEY);
        boolean cache = cluster.spec().cache();

        Transcript alone = ConversationRunner.run(client, "tiny", ConversationScript.random(CONVERSATION));
        assertSameAsReference(model, CONVERSATION, alone);
        for (int others : new int[] {1, 3}) {
            List<Long> seeds = LongStream.rangeClosed(CONVERSATION, CONVERSATION + others).boxed().toList();
            List<Transcript> together = concurrently(client, seeds);
            for (int i = 0; i < seeds.size(); i++) {
                assertSameAsReference(model, seeds.get(i), together.get(i));
            }
        }

        if (cache) {
            WriteBack.assertEveryTurnFindsThePreviousOne(alone);
        } else {
            assertEquals(List.of(0, 0, 0, 0), alone.cachedTokens(), "nothing is cached with --cache=off");
        }
    }

    private static void assertSameAsReference(ReferenceModel model, long seed, Transcript transcript) {
        List<List<Integer>> expected = Transcript.asLists(model.answers(ConversationScript.random(seed)));
        assertEquals(expected, transcript.answerLists(), "conversation " + seed + " (cached tokens per turn "
                + transcript.cachedTokens() + ")");
    }

    private static List<Transcript> concurrently(GatewayClient client, List<Long> seeds) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Transcript>> runs = seeds.stream().map(seed -> pool.submit(
                    () -> ConversationRunner.run(client, "tiny", ConversationScript.random(seed)))).toList();
            List<Transcript> transcripts = new ArrayList<>();
            for (Future<Transcript> run : runs) {
                transcripts.add(run.get());
            }
            return transcripts;
        }
    }

    private static synchronized ReferenceModel reference(ClusterSpec spec) {
        if (reference == null) {
            Path dir = ServedModel.resolve(spec.model(), spec.modelSeed(), spec.modelCache()).directory();
            reference = new ReferenceModel(dir);
        }
        return reference;
    }
}
