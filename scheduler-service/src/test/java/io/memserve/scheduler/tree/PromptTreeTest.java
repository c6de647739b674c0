package io.memserve.scheduler.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import org.junit.jupiter.api.Test;

class PromptTreeTest {
    private static final BlockLayout LAYOUT = new BlockLayout(2, 2, 8, DType.F32);
    private static final BlockKeyChain CHAIN = new BlockKeyChain("tiny", LAYOUT);
    private final AtomicLong now = new AtomicLong(1_000);
    private final PromptTrees trees = new PromptTrees(Duration.ofSeconds(5), now::get);

    @Test
    void storedEventsBuildThePrefixAPoolHolds() {
        int[] prompt = tokens(0, 40);
        store("p0", prompt, 2);
        assertEquals(32, trees.matchedTokens("p0", prompt));
        assertEquals(16, trees.matchedTokens("p0", concat(tokens(0, 16), tokens(500, 20))));
        assertEquals(0, trees.matchedTokens("p1", prompt));
        assertEquals(0, trees.matchedTokens("p0", tokens(1, 40)));
    }

    @Test
    void aBlockWhoseParentIsUnknownIsNotPlaced() {
        int[] prompt = tokens(0, 32);
        BlockKey[] keys = CHAIN.keys(prompt);
        trees.apply(new KvEvent.Stored("p0", keys[1], keys[0], "tiny", LAYOUT.id(), Arrays.copyOfRange(prompt, 16, 32)));
        assertEquals(0, trees.matchedTokens("p0", prompt));
    }

    @Test
    void removedEventsPruneTheBlockAndWhatFollowsIt() {
        int[] prompt = tokens(0, 48);
        BlockKey[] keys = store("p0", prompt, 3);
        trees.apply(new KvEvent.Removed("p0", keys[1]));
        assertEquals(16, trees.matchedTokens("p0", prompt));
        store("p0", prompt, 3);
        assertEquals(48, trees.matchedTokens("p0", prompt));
        trees.apply(new KvEvent.Removed("p0", keys[0]));
        assertEquals(0, trees.matchedTokens("p0", prompt));
    }

    @Test
    void routingDecisionsCountUntilTheyExpireUnlessEventsConfirmThem() {
        int[] first = tokens(0, 35);
        int[] second = tokens(100, 35);
        trees.routed("p0", first);
        trees.routed("p0", second);
        assertEquals(32, trees.matchedTokens("p0", first));
        store("p0", first, 2);
        now.addAndGet(6_000);
        trees.expire();
        assertEquals(32, trees.matchedTokens("p0", first));
        assertEquals(0, trees.matchedTokens("p0", second));
    }

    @Test
    void aProvisionalBlockPastItsTimeNoLongerMatchesEvenBeforeTheSweep() {
        int[] prompt = tokens(7, 20);
        trees.routed("p0", prompt);
        now.addAndGet(5_001);
        assertEquals(0, trees.matchedTokens("p0", prompt));
    }

    @Test
    void eventsParseFromStreamFields() {
        int[] prompt = tokens(3, 16);
        BlockKey key = CHAIN.keys(prompt)[0];
        KvEvent event = KvEvent.parse(java.util.Map.of("type", "stored", "pool", "p9", "key", key.hex(),
                "parent", CHAIN.root().hex(), "model", "tiny", "layout", LAYOUT.id(),
                "tokens", String.join(",", IntStream.of(prompt).mapToObj(Integer::toString).toList()), "tier", "DRAM"));
        trees.apply(event);
        assertEquals(16, trees.matchedTokens("p9", prompt));
        assertFalse(KvEvent.parse(java.util.Map.of("type", "removed", "pool", "p9", "key", key.hex(),
                "reason", "pool_left")) instanceof KvEvent.Stored);
    }

    private BlockKey[] store(String pool, int[] prompt, int blocks) {
        BlockKey[] keys = CHAIN.keys(prompt);
        for (int b = 0; b < blocks; b++) {
            BlockKey parent = b == 0 ? CHAIN.root() : keys[b - 1];
            trees.apply(new KvEvent.Stored(pool, keys[b], parent, "tiny", LAYOUT.id(),
                    Arrays.copyOfRange(prompt, b * 16, b * 16 + 16)));
        }
        return keys;
    }

    private static int[] tokens(int start, int count) {
        return IntStream.range(start, start + count).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).toArray();
    }
}
