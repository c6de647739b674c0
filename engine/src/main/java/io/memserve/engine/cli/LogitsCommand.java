package io.memserve.engine.cli;

import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.engine.Sequence;
import io.memserve.engine.SequenceStep;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the logits at every position of a token sequence as raw little-endian float32, {@code [tokens, vocab]}
 * row-major; the last row is the last position's. Tokens are fed one per step, which the engine's exactness makes
 * identical to one prefill.
 */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Write logits at every position as raw little-endian float32 [tokens, vocab].")
final class LogitsCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--tokens", required = true, split = ",", description = "token ids, comma separated")
    int[] tokens;

    @Option(names = "--out", required = true, description = "file to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        try (Engine engine = Engine.load(model, EngineOptions.withPages(tokens.length / 16 + 1));
                Sequence seq = engine.newSequence();
                OutputStream file = Files.newOutputStream(out)) {
            int vocab = engine.config().vocabSize();
            ByteBuffer row = ByteBuffer.allocate(vocab * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int token : tokens) {
                float[] logits = engine.step(List.of(SequenceStep.of(seq, token))).getFirst();
                row.clear();
                row.asFloatBuffer().put(logits);
                file.write(row.array());
            }
            System.out.println("wrote " + tokens.length + " x " + vocab + " logits to " + out);
        }
        return 0;
    }
}
