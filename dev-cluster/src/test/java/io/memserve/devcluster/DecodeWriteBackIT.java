package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Check 3 (PD-Caching-3): with token-id prompts where each turn is the previous prompt + its answer + new tokens, the
 * decode instance's write-back lets every turn find all full blocks of the previous turn's prompt and answer.
 */
@Order(3)
class DecodeWriteBackIT {

    @Test
    void everyTurnFindsThePreviousPromptAndAnswer() {
        GatewayClient client = new GatewayClient(E2eClusters.with(), E2eClusters.KEY);
        Transcript transcript = ConversationRunner.run(client, "tiny", ConversationScript.random(30));
        assertEquals(0, transcript.cachedTokens().getFirst(), "a new conversation starts with nothing cached");
        WriteBack.assertEveryTurnFindsThePreviousOne(transcript);
    }
}
