package io.memserve.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Chat conversations in the manner of ShareGPT: each turn carries the whole history, answers outweigh questions. */
final class MultiTurnShape implements WorkloadShape {
    static final int MIN_TURNS = 3;
    static final int MAX_TURNS = 8;
    static final LengthDistribution USER = new LengthDistribution(48, 0.6, 8, 256);
    static final LengthDistribution ANSWER = new LengthDistribution(40, 0.5, 8, 128);
    static final double THINK_MS = 1000;

    @Override
    public List<SessionScript> sessions(int count, WorkloadSettings settings, RandomGenerator random) {
        List<SessionScript> sessions = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int turnCount = random.nextInt(MIN_TURNS, MAX_TURNS + 1);
            List<Turn> turns = new ArrayList<>(turnCount);
            for (int t = 0; t < turnCount; t++) {
                turns.add(new Turn(settings.tokens(random, USER), settings.length(random, ANSWER),
                        t == 0 ? 0 : settings.thinkMs(random, THINK_MS)));
            }
            sessions.add(new SessionScript(s, 0, new int[0], true, turns));
        }
        return sessions;
    }
}
