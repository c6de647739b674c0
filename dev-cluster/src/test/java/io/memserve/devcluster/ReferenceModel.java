package io.memserve.devcluster;

import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import io.memserve.engine.sampling.SamplingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers a conversation must get, computed here by the engine alone: one sequence, the whole prompt in one step,
 * greedy decoding, nothing cached, nothing batched. Every cluster configuration has to give exactly these tokens.
 */
final class ReferenceModel implements AutoCloseable {

    private static final int KV_PAGES = 64;

    private final Engine engine;

    ReferenceModel(Path modelDir) {
        this.engine = Engine.load(modelDir, new EngineOptions(KV_PAGES, 1));
    }

    List<int[]> answers(ConversationScript script) {
        List<int[]> answers = new ArrayList<>();
        for (int turn = 0; turn < script.turns(); turn++) {
            answers.add(greedy(script.prompt(turn, answers), script.answerTokens()));
        }
        return answers;
    }

    private int[] greedy(int[] prompt, int tokens) {
        try (Sequence sequence = engine.newSequence()) {
            float[] logits = engine.step(List.of(SequenceStep.of(sequence, prompt))).getFirst();
            int[] out = new int[tokens];
            for (int i = 0; i < tokens; i++) {
                out[i] = engine.sample(logits, SamplingParams.GREEDY, i);
                if (i + 1 < tokens) {
                    logits = engine.step(List.of(SequenceStep.of(sequence, out[i]))).getFirst();
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
