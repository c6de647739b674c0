package io.memserve.bench.workload;

import java.util.Arrays;
import java.util.List;

/**
 * What one session sends. Turn 0's prompt is {@code base + turn 0's tokens}. A session that carries its history (a
 * conversation, an agent) builds turn N+1's prompt from turn N's exact prompt ids, the answer's exact ids and the new
 * tokens; one that does not (questions about a document) builds every prompt as {@code base + the turn's tokens}.
 *
 * @param arrivalMs when the session starts, from the start of the run
 */
public record SessionScript(int id, double arrivalMs, int[] base, boolean carriesHistory, List<Turn> turns) {

    public SessionScript {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("session " + id + " has no turns");
        }
        turns = List.copyOf(turns);
    }

    public int[] firstPrompt() {
        return concat(base, turns.getFirst().userTokens());
    }

    /** The prompt of {@code turn} (at least 1), given the previous turn's prompt and answer as the server sent them. */
    public int[] nextPrompt(int turn, int[] previousPrompt, int[] previousAnswer) {
        int[] user = turns.get(turn).userTokens();
        return carriesHistory ? concat(previousPrompt, previousAnswer, user) : concat(base, user);
    }

    /** Prompt length of {@code turn} when every earlier answer is exactly {@code maxTokens} long. */
    public int plannedPromptLength(int turn) {
        if (!carriesHistory) {
            return base.length + turns.get(turn).userTokens().length;
        }
        int length = base.length;
        for (int t = 0; t < turn; t++) {
            length += turns.get(t).userTokens().length + turns.get(t).maxTokens();
        }
        return length + turns.get(turn).userTokens().length;
    }

    public SessionScript withArrival(double ms) {
        return new SessionScript(id, ms, base, carriesHistory, turns);
    }

    public SessionScript withFirstTurns(int count) {
        return new SessionScript(id, arrivalMs, base, carriesHistory, turns.subList(0, count));
    }

    static int[] concat(int[]... parts) {
        int[] all = new int[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
