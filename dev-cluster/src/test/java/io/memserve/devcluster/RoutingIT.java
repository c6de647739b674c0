package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Check 4, with 2 prefill and 2 decode instances on two nodes (two pools): under {@code prompt-tree} later turns reach
 * the instance that holds their prefix, so its hit rate is at least that of sticky {@code session} routing; under
 * {@code round-robin}, which sends consecutive turns to different nodes, the cached blocks are found in the other
 * node's pool and pulled rather than recomputed.
 */
@Order(6)
class RoutingIT {

    private static final List<Long> CONVERSATIONS = List.of(41L, 42L, 43L, 44L);

    @Test
    void promptTreeHitsAtLeastAsOftenAsSession() throws Exception {
        double session = laterTurnsHitRate(conversations("session"));
        List<Transcript> promptTreeRuns = conversations("prompt-tree");
        double promptTree = laterTurnsHitRate(promptTreeRuns);
        assertTrue(promptTree >= session,
                () -> "prompt-tree hit rate " + promptTree + " is below session's " + session);
        promptTreeRuns.forEach(WriteBack::assertEveryTurnFindsThePreviousOne);
    }

    @Test
    void roundRobinPullsCachedBlocksFromTheOtherPool() {
        RunningCluster cluster = E2eClusters.with("--prefill=2", "--decode=2", "--mempools=2",
                "--policy=round-robin");
        Transcript transcript = ConversationRunner.run(new GatewayClient(cluster, E2eClusters.KEY), "tiny",
                ConversationScript.random(50));
        WriteBack.assertEveryTurnFindsThePreviousOne(transcript);
    }

    /** Four conversations that run at once, each its own session. */
    private static List<Transcript> conversations(String policy) throws Exception {
        RunningCluster cluster = E2eClusters.with("--prefill=2", "--decode=2", "--mempools=2", "--policy=" + policy);
        GatewayClient client = new GatewayClient(cluster, E2eClusters.KEY);
        List<Transcript> transcripts = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Transcript>> runs = CONVERSATIONS.stream().map(seed -> pool.submit(() -> ConversationRunner
                    .run(client.withSession("conversation-" + seed), "tiny", ConversationScript.random(seed))))
                    .toList();
            for (Future<Transcript> run : runs) {
                transcripts.add(run.get());
            }
        }
        return transcripts;
    }

    /** Later turns' share of prompt tokens found cached. */
    private static double laterTurnsHitRate(List<Transcript> transcripts) {
        long prompt = 0;
        long cached = 0;
        for (Transcript t : transcripts) {
            prompt += t.promptTokens().subList(1, t.promptTokens().size()).stream().mapToLong(Integer::longValue).sum();
            cached += t.cachedTokens().subList(1, t.cachedTokens().size()).stream().mapToLong(Integer::longValue).sum();
        }
        return (double) cached / prompt;
    }
}
