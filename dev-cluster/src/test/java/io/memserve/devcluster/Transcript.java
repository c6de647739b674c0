package io.memserve.devcluster;

import java.util.Arrays;
import java.util.List;

/** What a conversation got, turn by turn: the prompts sent, the answers' token ids and the usage reported. */
record Transcript(List<int[]> prompts, List<int[]> answers, List<Integer> promptTokens, List<Integer> cachedTokens) {

    /** Answers as lists, so that two transcripts compare (and print) by value. */
    List<List<Integer>> answerLists() {
        return asLists(answers);
    }

    static List<List<Integer>> asLists(List<int[]> answers) {
        return answers.stream().map(a -> Arrays.stream(a).boxed().toList()).toList();
    }
}
