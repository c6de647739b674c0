package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.BlockLayout;

/** What decode write-back (PD-Caching-3) promises a conversation's next turn. */
final class WriteBack {

    private WriteBack() {
    }

    /** Turn N+1's cached tokens cover every full block of turn N's prompt and answer. */
    static void assertEveryTurnFindsThePreviousOne(Transcript transcript) {
        for (int n = 0; n + 1 < transcript.prompts().size(); n++) {
            int previous = transcript.prompts().get(n).length + transcript.answers().get(n).length;
            int fullBlocks = previous / BlockLayout.TOKENS_PER_BLOCK * BlockLayout.TOKENS_PER_BLOCK;
            int cached = transcript.cachedTokens().get(n + 1);
            int turn = n + 2;
            assertTrue(cached >= fullBlocks, () -> "turn " + turn + " found " + cached + " cached tokens; the full "
                    + "blocks of turn " + (turn - 1) + "'s prompt and answer are " + fullBlocks + " tokens ("
                    + "cached per turn: " + transcript.cachedTokens() + ")");
        }
    }
}
