package io.memserve.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Tool-using agents in the manner of ReAct: one system prompt with the tool descriptions, the same for every session,
 * then a task; each step the model writes a thought and an action (the answer), and the tool's observation is
 * appended before the next step, so the history grows by answer plus observation each turn.
 */
final class AgentShape implements WorkloadShape {
    static final LengthDistribution SYSTEM = LengthDistribution.fixed(512);
    static final LengthDistribution TASK = new LengthDistribution(48, 0.4, 16, 128);
    static final int MIN_STEPS = 3;
    static final int MAX_STEPS = 8;
    static final LengthDistribution ACTION = new LengthDistribution(32, 0.3, 16, 64);
    static final LengthDistribution OBSERVATION = new LengthDistribution(64, 0.6, 16, 192);
    static final double TOOL_MS = 500;

    @Override
    public List<SessionScript> sessions(int count, WorkloadSettings settings, RandomGenerator random) {
        int[] system = settings.tokens(random, SYSTEM);
        List<SessionScript> sessions = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int stepCount = random.nextInt(MIN_STEPS, MAX_STEPS + 1);
            List<Turn> turns = new ArrayList<>(stepCount);
            turns.add(new Turn(settings.tokens(random, TASK), settings.length(random, ACTION), 0));
            for (int step = 1; step < stepCount; step++) {
                turns.add(new Turn(settings.tokens(random, OBSERVATION), settings.length(random, ACTION),
                        settings.thinkMs(random, TOOL_MS)));
            }
            sessions.add(new SessionScript(s, 0, system, true, turns));
        }
        return sessions;
    }
}
