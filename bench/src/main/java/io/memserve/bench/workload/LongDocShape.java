package io.memserve.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Questions about a long document in the manner of LooGLE: each session has its own document and asks several
 * independent questions, each sent as the document followed by the question, with a short answer.
 */
final class LongDocShape implements WorkloadShape {
    static final LengthDistribution DOCUMENT = new LengthDistribution(1280, 0.2, 768, 1792);
    static final int MIN_QUESTIONS = 3;
    static final int MAX_QUESTIONS = 6;
    static final LengthDistribution QUESTION = new LengthDistribution(24, 0.4, 8, 64);
    static final LengthDistribution ANSWER = new LengthDistribution(24, 0.4, 8, 64);
    static final double THINK_MS = 1000;

    @Override
    public List<SessionScript> sessions(int count, WorkloadSettings settings, RandomGenerator random) {
        List<SessionScript> sessions = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int[] document = settings.tokens(random, DOCUMENT);
            int questionCount = random.nextInt(MIN_QUESTIONS, MAX_QUESTIONS + 1);
            List<Turn> turns = new ArrayList<>(questionCount);
            for (int q = 0; q < questionCount; q++) {
                turns.add(new Turn(settings.tokens(random, QUESTION), settings.length(random, ANSWER),
                        q == 0 ? 0 : settings.thinkMs(random, THINK_MS)));
            }
            sessions.add(new SessionScript(s, 0, document, false, turns));
        }
        return sessions;
    }
}
