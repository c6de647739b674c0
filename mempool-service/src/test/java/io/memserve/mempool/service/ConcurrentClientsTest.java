package io.memserve.mempool.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.mempool.api.DeleteRequest;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.TierStatus;
import io.memserve.mempool.client.MemPoolApiException;
import io.memserve.mempool.service.store.BlockStore;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Check 2: many clients store, match, load and delete at once on a pool too small for all of them, so eviction runs
 * throughout. Every byte loaded must be what was written under its key (a pinned block evicted or overwritten would
 * show up as wrong bytes), and once every lease has ended the accounting must be exact.
 */
class ConcurrentClientsTest {

    private static final BlockLayout LAYOUT = new BlockLayout(2, 2, 16, DType.F32);
    private static final String MODEL = "concurrency-model";
    private static final int CAPACITY_BLOCKS = 24;
    private static final int WORKERS = 8;
    private static final int ROUNDS = 30;
    private static final int PROMPTS = 10;
    private static final int BLOCKS_PER_PROMPT = 6;

    @Test
    void clientsNeverSeeForeignBytesAndAccountingIsExactAfterwards() throws Exception {
        List<int[]> prompts = prompts();
        AtomicInteger verifiedBlocks = new AtomicInteger();
        AtomicInteger refusedForRoom = new AtomicInteger();
        try (TestPool pool = new TestPool("concurrent-pool", (CAPACITY_BLOCKS * LAYOUT.bytes()) + "B");
                Arena arena = Arena.ofShared()) {
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                SplittableRandom random = new SplittableRandom(w);
                done.add(workers.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        int[] tokens = prompts.get(random.nextInt(PROMPTS));
                        BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, tokens);
                        switch (random.nextInt(5)) {
                            case 0, 1 -> store(pool, tokens, keys, arena, refusedForRoom);
                            case 2, 3 -> verifiedBlocks.addAndGet(load(pool, tokens, keys, arena));
                            default -> pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), tokens)).block();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            workers.shutdown();

            PoolStatus status = pool.control.status().block();
            TierStatus dram = status.tiers().getFirst();
            assertThat(status.leases()).isZero();
            assertThat(dram.pinnedBlocks()).isZero();
            assertThat(dram.usedBytes() + dram.freeBytes()).isEqualTo(dram.capacityBytes());
            assertThat(dram.usedBytes()).isEqualTo(dram.blocks() * LAYOUT.bytes());
            assertThat(dram.blocks()).as("every block left is published").isEqualTo(dram.publishedBlocks());
            assertThat(status.indexedBlocks()).isEqualTo(dram.publishedBlocks());
            assertThat(pool.bean(BlockStore.class).publishedKeys()).hasSize(status.indexedBlocks());
            Long inRedis = pool.redis().opsForSet().size("memserve:pool:concurrent-pool:keys").block();
            assertThat(inRedis).isEqualTo(status.indexedBlocks());
            assertThat(pool.bean(BlockStore.class).evictions()).as("the pool was too small: eviction ran").isPositive();
            assertThat(verifiedBlocks.get()).isPositive();
        }
    }

    private static void store(TestPool pool, int[] tokens, BlockKey[] keys, Arena arena, AtomicInteger refused) {
        try {
            pool.client.store(MODEL, LAYOUT, tokens, Blocks.contentOf(keys, LAYOUT, arena)).block();
        } catch (MemPoolApiException e) {
            if (!e.code().equals("pool_full")) {
                throw e;
            }
            refused.incrementAndGet();
        }
    }

    private static int load(TestPool pool, int[] tokens, BlockKey[] keys, Arena arena) {
        List<MemorySegment> into = Blocks.empty(keys.length, LAYOUT, arena);
        int blocks = pool.client.load(MODEL, LAYOUT, tokens, into).block() / BlockLayout.TOKENS_PER_BLOCK;
        for (int i = 0; i < blocks; i++) {
            assertThat(Blocks.holds(into.get(i), keys[i], LAYOUT, arena)).as("block %d of a loaded prefix", i).isTrue();
        }
        return blocks;
    }

    /** Prompts sharing prefixes of different lengths, as turns of conversations do. */
    private static List<int[]> prompts() {
        int[] shared = Blocks.tokens(100, BLOCKS_PER_PROMPT * 16);
        return IntStream.range(0, PROMPTS).mapToObj(p -> {
            int[] tokens = Blocks.tokens(200 + p, BLOCKS_PER_PROMPT * 16);
            System.arraycopy(shared, 0, tokens, 0, (p % 3) * 16);
            return tokens;
        }).toList();
    }
}
