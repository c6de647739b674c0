package io.memserve.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * In the manner of SGLang's generated shared prefix: groups of {@value #PROMPTS_PER_GROUP} single-request sessions
 * whose prompts share the group's system prompt and end in their own question. Session {@code i} belongs to group
 * {@code i mod G}, so a group's requests are spread over the run rather than sent back to back.
 */
final class SharedPrefixShape implements WorkloadShape {
    static final int PROMPTS_PER_GROUP = 8;
    static final LengthDistribution SYSTEM = LengthDistribution.fixed(768);
    static final LengthDistribution QUESTION = new LengthDistribution(64, 0.3, 32, 128);
    static final LengthDistribution ANSWER = LengthDistribution.fixed(32);

    static int groups(int sessions) {
        return Math.max(1, Math.ceilDiv(sessions, PROMPTS_PER_GROUP));
    }

    @Override
    public List<SessionScript> sessions(int count, WorkloadSettings settings, RandomGenerator random) {
        List<int[]> systems = new ArrayList<>();
        for (int g = 0; g < groups(count); g++) {
            systems.add(settings.tokens(random, SYSTEM));
        }
        List<SessionScript> sessions = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            Turn question = new Turn(settings.tokens(random, QUESTION), settings.length(random, ANSWER), 0);
            sessions.add(new SessionScript(s, 0, systems.get(s % systems.size()), false, List.of(question)));
        }
        return sessions;
    }
}
