package io.memserve.mempool.service.pool;

import io.memserve.mempool.api.MatchedRun;
import io.memserve.mempool.api.TierName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gathers a matched prefix block by block into runs of one pool and one tier. */
final class RunsBuilder {

    private final List<MatchedRun> runs = new ArrayList<>();
    /** The current run's addresses, from index 0. */
    private final long[] addresses;
    private String pool;
    private TierName tier;
    private int first;
    private int next;
    private boolean addressed;

    /** For a prefix starting at block {@code firstBlock} with at most {@code capacity} blocks. */
    RunsBuilder(int firstBlock, int capacity) {
        this.addresses = new long[capacity];
        this.first = firstBlock;
        this.next = firstBlock;
    }

    /** The next block: held by {@code blockPool} in {@code blockTier}, at {@code address} when it is this pool's. */
    void add(String blockPool, TierName blockTier, Long address) {
        if (!blockPool.equals(pool) || blockTier != tier || (address != null) != addressed) {
            close();
            pool = blockPool;
            tier = blockTier;
            addressed = address != null;
        }
        if (address != null) {
            addresses[next - first] = address;
        }
        next++;
    }

    List<MatchedRun> runs() {
        close();
        return runs;
    }

    private void close() {
        if (next > first) {
            runs.add(new MatchedRun(pool, tier, first, next - first,
                    addressed ? Arrays.copyOf(addresses, next - first) : null));
            first = next;
        }
    }
}
