package io.memserve.mempool.service.hbm;

import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.service.model.Block;
import io.memserve.mempool.service.store.BlockStore;
import io.memserve.mempool.service.store.DramTier;
import io.memserve.mempool.service.store.HbmTier;
import io.memserve.mempool.service.store.IndexListener;
import io.memserve.mempool.service.store.OpenBlock;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Exercises the HBM tier once on a GPU machine: fills DRAM blocks with random bytes, publishes them, swaps them all
 * into HBM and back out, and checks every block's CRC32C is unchanged. Prints one JSON line with the figures; prints
 * a "skipped" line and succeeds where no CUDA device is present.
 * <p>
 * {@code java -jar mempool-service.jar hbm-check [--blocks N] [--block-bytes B] [--device D]}
 */
public final class HbmSwapCheck {

    private HbmSwapCheck() {
    }

    public static int run(String[] args) {
        int blocks = 512;
        int blockBytes = 256 * 1024;
        int device = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--block-bytes" -> blockBytes = Integer.parseInt(args[i + 1]);
                case "--device" -> device = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--blocks N, --block-bytes B, --device D)");
            }
        }
        if (blockBytes % 128 != 0 || blocks <= 0) {
            throw new IllegalArgumentException("--block-bytes must be a multiple of 128 and --blocks positive");
        }
        if (!HbmTier.deviceAvailable()) {
            System.out.println("{\"hbm_check\":\"skipped\",\"reason\":\"no CUDA device\"}");
            return 0;
        }
        long total = (long) blocks * blockBytes;
        int[] events = new int[3];
        IndexListener counting = new IndexListener() {
            @Override
            public void stored(Block block) {
                events[0]++;
            }

            @Override
            public void removed(Block block, RemovalReason reason) {
                events[1]++;
            }

            @Override
            public void moved(Block block) {
                events[2]++;
            }
        };
        BlockLayout layout = new BlockLayout(1, 1, blockBytes / 128, DType.F32);
        try (BlockStore store = new BlockStore(List.of(new BlockStore.TierConfig(new DramTier(), total),
                new BlockStore.TierConfig(new HbmTier(device), total)), Clock.systemUTC(), Duration.ofMinutes(5),
                counting)) {
            BlockStore.Allocation allocation = store.allocate(layout, blocks, TierName.DRAM, null, null);
            List<Long> addresses = allocation.addresses();
            long[] before = fill(store, addresses);
            int[] tokens = new SplittableRandom(7).ints((long) blocks * BlockLayout.TOKENS_PER_BLOCK, 0, 32000)
                    .toArray();
            BlockKeyChain chain = new BlockKeyChain("hbm-check", layout);
            store.insert("hbm-check", layout, chain.root(), chain.keys(tokens), tokens, addresses);
            store.releaseLease(allocation.leaseId());

            long t0 = System.nanoTime();
            List<Long> in = store.swapIn(addresses);
            long t1 = System.nanoTime();
            List<Long> out = store.swapOut(blocks);
            long t2 = System.nanoTime();
            long[] after = checksums(store, addresses);
            boolean equal = Arrays.equals(before, after);
            System.out.printf("{\"hbm_check\":\"%s\",\"blocks\":%d,\"block_bytes\":%d,\"swapped_in\":%d,"
                    + "\"swapped_out\":%d,\"moved_events\":%d,\"swap_in_gb_per_s\":%.3f,\"swap_out_gb_per_s\":%.3f,"
                    + "\"checksums_equal\":%b}%n", equal && in.size() == blocks && out.size() == blocks ? "passed"
                    : "failed", blocks, blockBytes, in.size(), out.size(), events[2], total / (double) (t1 - t0),
                    total / (double) (t2 - t1), equal);
            return equal && in.size() == blocks && out.size() == blocks ? 0 : 1;
        }
    }

    private static long[] fill(BlockStore store, List<Long> addresses) {
        SplittableRandom random = new SplittableRandom(42);
        for (long address : addresses) {
            try (OpenBlock block = store.openForWrite(address)) {
                MemorySegment target = block.writeTarget();
                for (long i = 0; i < target.byteSize(); i += 8) {
                    target.set(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
                }
                CRC32C crc = new CRC32C();
                crc.update(target.asByteBuffer());
                block.commit((int) crc.getValue());
            }
        }
        return checksums(store, addresses);
    }

    private static long[] checksums(BlockStore store, List<Long> addresses) {
        List<Long> sums = new ArrayList<>();
        for (long address : addresses) {
            try (OpenBlock block = store.openForRead(address)) {
                CRC32C crc = new CRC32C();
                crc.update(block.segment().asByteBuffer());
                sums.add(crc.getValue());
            }
        }
        return sums.stream().mapToLong(Long::longValue).toArray();
    }
}
