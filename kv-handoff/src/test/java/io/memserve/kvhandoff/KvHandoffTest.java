package io.memserve.kvhandoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memserve.engine.Engine;
import io.memserve.engine.Sequence;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.client.MemPoolControlClient;
import io.memserve.testcluster.PoolProcess;
import io.memserve.testcluster.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Loading, publishing and handing off KV against two real mempool-service processes and the tiny model. */
class KvHandoffTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path models;
    private static PoolProcess poolA;
    private static PoolProcess poolB;
    private static Engine engine;
    private static EngineLoop loop;
    private static PoolConnections connections;
    private static KvPublisher publisher;
    private static PromptPrefill prefillAtA;

    @BeforeAll
    static void start() {
        poolA = PoolProcess.started("pool-a");
        poolB = PoolProcess.started("pool-b");
        engine = TestModel.load(models, 128);
        loop = new EngineLoop(engine, 32);
        connections = new PoolConnections(PoolProcess.settings(), PoolProcess.DEADLINE);
        publisher = new KvPublisher(engine, connections);
        prefillAtA = new PromptPrefill(loop, new KvCacheLoader(loop, poolA.client, connections));
    }

    @AfterAll
    static void stop() {
        connections.close();
        loop.close();
        engine.close();
        poolA.close();
        poolB.close();
    }

    @Test
    void publishThenMatchFindsEveryFullBlockAndWritesEachOnce() {
        int[] prompt = TestModel.prompt(3 * 16 + 5, 11);
        Sequence sequence = prefilled(prompt);

        assertEquals(3, publisher.publish(poolA.endpoint, sequence).block(WAIT));
        assertEquals(0, publisher.publish(poolA.endpoint, sequence).block(WAIT));

        assertEquals(3 * 16, matchLocally(poolA.control, prompt));
        loop.release(sequence).block(WAIT);
    }

    @Test
    void aPrefixLoadedFromThePoolGivesTheLogitsOfAFreshPrefill() {
        int[] prompt = TestModel.prompt(4 * 16 + 9, 12);
        Sequence fresh = engine.newSequence();
        var computed = prefillAtA.prefill(fresh, prompt, false).block(WAIT);
        publisher.publish(poolA.endpoint, fresh).block(WAIT);
        loop.release(fresh).block(WAIT);

        Sequence cached = engine.newSequence();
        var loaded = prefillAtA.prefill(cached, prompt, true).block(WAIT);

        assertEquals(0, computed.cachedTokens());
        assertEquals(4 * 16, loaded.cachedTokens());
        TestModel.assertSameBits(computed.logits(), loaded.logits());
        loop.release(cached).block(WAIT);
    }

    @Test
    void theLastPromptTokenIsAlwaysComputed() {
        int[] prompt = TestModel.prompt(2 * 16, 13);
        Sequence first = prefilled(prompt);
        publisher.publish(poolA.endpoint, first).block(WAIT);
        loop.release(first).block(WAIT);

        Sequence again = engine.newSequence();
        var result = prefillAtA.prefill(again, prompt, true).block(WAIT);

        assertEquals(16, result.cachedTokens());
        assertEquals(prompt.length, again.length());
        loop.release(again).block(WAIT);
    }

    @Test
    void blocksHeldOnlyByAnotherPoolArePulledIntoTheLocalPool() {
        int[] prompt = TestModel.prompt(3 * 16 + 1, 14);
        Sequence atB = prefilled(prompt);
        var computed = prefillAtA.prefill(engine.newSequence(), prompt, false).block(WAIT);
        publisher.publish(poolB.endpoint, atB).block(WAIT);
        loop.release(atB).block(WAIT);
        assertEquals(0, matchLocally(poolA.control, prompt));

        Sequence atA = engine.newSequence();
        var loaded = prefillAtA.prefill(atA, prompt, true).block(WAIT);

        assertEquals(3 * 16, loaded.cachedTokens());
        assertEquals(3 * 16, matchLocally(poolA.control, prompt));
        TestModel.assertSameBits(computed.logits(), loaded.logits());
        loop.release(atA).block(WAIT);
    }

    @Test
    void handOffSendsOnlyWhatTheDestinationLacks() {
        int[] prompt = TestModel.prompt(5 * 16 + 2, 15);
        Sequence sequence = prefilled(prompt);
        publisher.publish(poolA.endpoint, sequence).block(WAIT);
        int[] fullBlocks = Arrays.copyOf(prompt, 5 * 16);

        TransferResponse first = publisher.handOff(poolA.endpoint, "pool-b", fullBlocks).block(WAIT);
        TransferResponse second = publisher.handOff(poolA.endpoint, "pool-b", fullBlocks).block(WAIT);

        assertEquals(5, first.sentBlocks());
        assertEquals(0, second.sentBlocks());
        assertEquals(5, second.presentBlocks());
        assertEquals(5 * 16, matchLocally(poolB.control, prompt));
        loop.release(sequence).block(WAIT);
    }

    @Test
    void theDirectoryFindsLivePoolsAndRefusesUnknownOnes() {
        PoolDirectory directory = new PoolDirectory(TestRedisTemplate.get());

        assertEquals(poolB.endpoint, directory.endpoint("pool-b").block(WAIT));
        assertThrows(UnknownPoolException.class, () -> directory.endpoint("pool-none").block(WAIT));
    }

    private static Sequence prefilled(int[] prompt) {
        Sequence sequence = engine.newSequence();
        loop.feed(sequence, prompt).block(WAIT);
        return sequence;
    }

    private static int matchLocally(MemPoolControlClient pool, int[] tokens) {
        MatchResponse match = pool.match(new MatchRequest(engine.modelId(), engine.kvLayout().id(), tokens, null,
                null, true, 0)).block(WAIT);
        return Mono.justOrEmpty(match.leaseId()).flatMap(pool::releaseLease).thenReturn(match.matchedTokens())
                .block(WAIT);
    }
}
