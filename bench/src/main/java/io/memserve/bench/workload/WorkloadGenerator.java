package io.memserve.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a workload from a seed: the sessions' content, their Poisson arrivals, and each session cut before the first
 * turn whose prompt plus answer would overflow the context (answers are exactly {@code max_tokens} long, so the
 * lengths are known in advance). Content and arrivals come from separate streams of the seed, so changing the rate
 * moves the sessions in time without changing what they say.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {
    }

    /**
     * @param ratePerSecond session arrivals per second; {@code Double.POSITIVE_INFINITY} starts every session at 0
     */
    public static List<SessionScript> generate(Workload workload, int sessions, double ratePerSecond, long seed,
            WorkloadSettings settings) {
        if (sessions < 1 || !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--sessions and --rate must be positive");
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom content = root.split();
        SplittableRandom arrivals = root.split();
        List<SessionScript> drawn = workload.shape().sessions(sessions, settings, content);
        List<SessionScript> scripts = new ArrayList<>(sessions);
        double at = 0;
        for (SessionScript session : drawn) {
            scripts.add(fitted(session, settings.maxContext()).withArrival(at));
            at += 1000.0 * arrivals.nextExponential() / ratePerSecond;
        }
        return scripts;
    }

    private static SessionScript fitted(SessionScript session, int maxContext) {
        int turns = 0;
        while (turns < session.turns().size()
                && session.plannedPromptLength(turns) + session.turns().get(turns).maxTokens() <= maxContext) {
            turns++;
        }
        if (turns == 0) {
            throw new IllegalArgumentException("session " + session.id() + "'s first request needs "
                    + (session.plannedPromptLength(0) + session.turns().getFirst().maxTokens())
                    + " tokens, over --max-context " + maxContext + ": lower --scale");
        }
        return session.withFirstTurns(turns);
    }
}
