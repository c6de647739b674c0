package io.memserve.mempool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.api.TransferWithInsertRequest;
import io.memserve.mempool.service.registry.PoolLifecycle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Check 3: two pools. transfer_with_insert moves only what the destination lacks and the destination then matches
 * it; a pool's blocks are found and pulled from elsewhere; when a pool stops heartbeating its entries vanish within
 * the TTL.
 */
class TwoPoolsTest {

    private static final BlockLayout LAYOUT = new BlockLayout(2, 2, 16, DType.BF16);
    private static final String MODEL = "two-pools-model";

    @Test
    void transferWithInsertSendsOnlyMissingBlocksAndDeadPoolsVanish() {
        try (TestPool a = new TestPool("pool-a", "4MB");
                TestPool b = new TestPool("pool-b", "4MB");
                Arena arena = Arena.ofShared()) {
            int[] prompt = Blocks.tokens(11, 8 * 16 + 3);
            BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, prompt);
            a.client.store(MODEL, LAYOUT, prompt, Blocks.contentOf(keys, LAYOUT, arena)).block();
            b.client.store(MODEL, LAYOUT, Arrays.copyOf(prompt, 3 * 16), Blocks.contentOf(Arrays.copyOf(keys, 3),
                    LAYOUT, arena)).block();

            TransferResponse moved = a.control.transferWithInsert(new TransferWithInsertRequest("pool-b", MODEL,
                    LAYOUT.id(), prompt)).block();

            assertThat(moved.sentBlocks()).isEqualTo(5);
            assertThat(moved.presentBlocks()).isEqualTo(3);
            assertThat(moved.bytes()).isEqualTo(5 * LAYOUT.bytes());
            MatchResponse atB = b.control.match(new MatchRequest(MODEL, LAYOUT.id(), prompt, null, null, true, 0))
                    .block();
            b.control.releaseLease(atB.leaseId()).block();
            assertThat(atB.matchedTokens()).isEqualTo(8 * 16);
            assertThat(atB.runs()).allSatisfy(run -> assertThat(run.pool()).isEqualTo("pool-b"));
            assertThat(atB.localAddresses()).hasSize(8);
            assertLoads(b, prompt, keys, arena);

            int[] onlyAtA = Blocks.tokens(12, 4 * 16);
            BlockKey[] onlyAtAKeys = Blocks.keys(MODEL, LAYOUT, onlyAtA);
            a.client.store(MODEL, LAYOUT, onlyAtA, Blocks.contentOf(onlyAtAKeys, LAYOUT, arena)).block();
            MatchResponse remote = match(b, onlyAtA);
            assertThat(remote.runs()).singleElement().satisfies(run -> {
                assertThat(run.pool()).isEqualTo("pool-a");
                assertThat(run.tier()).isEqualTo(TierName.DRAM);
                assertThat(run.firstBlock()).isZero();
                assertThat(run.blocks()).isEqualTo(4);
                assertThat(run.addresses()).as("another pool's blocks are addressed by matching there").isNull();
            });
            assertThat(remote.pools().get("pool-a").dataPort()).isPositive();
            assertLoads(b, onlyAtA, onlyAtAKeys, arena);

            a.bean(PoolLifecycle.class).stopHeartbeat();

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> match(b, onlyAtA).runs().isEmpty());
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> b.redis().hasKey("memserve:pool:pool-a:keys").block() == Boolean.FALSE);
            assertThat(RedisHolders.of(b.redis(), onlyAtAKeys[0])).doesNotContainKey("pool-a");
        }
    }

    private static MatchResponse match(TestPool pool, int[] tokens) {
        MatchResponse match = pool.control.match(new MatchRequest(MODEL, LAYOUT.id(), tokens, null, null, false, 0))
                .block();
        if (match.leaseId() != null) {
            pool.control.releaseLease(match.leaseId()).block();
        }
        return match;
    }

    private static void assertLoads(TestPool pool, int[] tokens, BlockKey[] keys, Arena arena) {
        List<MemorySegment> into = Blocks.empty(keys.length, LAYOUT, arena);
        assertThat(pool.client.load(MODEL, LAYOUT, tokens, into).block()).isEqualTo(keys.length * 16);
        for (int i = 0; i < keys.length; i++) {
            assertThat(Blocks.holds(into.get(i), keys[i], LAYOUT, arena)).as("block %d", i).isTrue();
        }
    }
}
