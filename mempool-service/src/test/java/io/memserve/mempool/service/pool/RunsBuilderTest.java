package io.memserve.mempool.service.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.memserve.mempool.api.MatchedRun;
import io.memserve.mempool.api.TierName;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsBuilderTest {

    @Test
    void aRunEndsWhereThePoolTheTierOrTheAddressingChanges() {
        RunsBuilder builder = new RunsBuilder(2, 7);
        builder.add("a", TierName.DRAM, 10L);
        builder.add("a", TierName.DRAM, 11L);
        builder.add("a", TierName.HBM, 12L);
        builder.add("b", TierName.DRAM, null);
        builder.add("b", TierName.DRAM, null);
        builder.add("c", TierName.DRAM, null);
        builder.add("b", TierName.DRAM, null);

        List<MatchedRun> runs = builder.runs();

        assertThat(runs).extracting(MatchedRun::pool).containsExactly("a", "a", "b", "c", "b");
        assertThat(runs).extracting(MatchedRun::tier)
                .containsExactly(TierName.DRAM, TierName.HBM, TierName.DRAM, TierName.DRAM, TierName.DRAM);
        assertThat(runs).extracting(MatchedRun::firstBlock).containsExactly(2, 4, 5, 7, 8);
        assertThat(runs).extracting(MatchedRun::blocks).containsExactly(2, 1, 2, 1, 1);
        assertThat(runs.get(0).addresses()).containsExactly(10L, 11L);
        assertThat(runs.get(1).addresses()).containsExactly(12L);
        assertThat(runs.subList(2, 5)).allSatisfy(run -> assertThat(run.addresses()).isNull());
    }

    @Test
    void nothingMatchedIsNoRun() {
        assertThat(new RunsBuilder(0, 0).runs()).isEmpty();
    }
}
