package io.memserve.engine.cli;

import io.memserve.engine.Engine;
import io.memserve.engine.EngineOptions;
import io.memserve.engine.Sequence;
import io.memserve.engine.generation.GenerationResult;
import io.memserve.engine.generation.Generator;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.tokenizer.StreamingDetokenizer;
import io.memserve.tokenizer.Tokenizer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Completes a prompt, printing the text as it is generated. */
@Command(name = "complete", mixinStandardHelpOptions = true, description = "Complete a prompt, streaming the text.")
final class CompleteCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model directory")
    Path model;

    @Option(names = "--prompt", required = true)
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "64")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 is greedy (default)")
    float temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "0 keeps every token (default)")
    int topK;

    @Option(names = "--top-p", defaultValue = "1")
    float topP;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--prefill-chunk", defaultValue = "256", description = "prompt tokens per step")
    int prefillChunk;

    @Override
    public Integer call() {
        SamplingParams params = new SamplingParams(temperature, topK, topP, seed);
        Tokenizer tokenizer = Tokenizer.load(model);
        int[] tokens = tokenizer.encodeWithSpecialTokens(prompt);
        if (tokens.length == 0) {
            throw new IllegalArgumentException("the prompt encodes to no tokens");
        }
        int pages = (tokens.length + maxTokens) / 16 + 2;
        PrintStream out = System.out;
        try (Engine engine = Engine.load(model, EngineOptions.withPages(pages));
                Sequence seq = engine.newSequence()) {
            StreamingDetokenizer text = tokenizer.streamingDetokenizer(true);
            GenerationResult result = new Generator(engine, prefillChunk).generate(seq, tokens, maxTokens, params,
                    token -> {
                        out.print(text.push(token));
                        out.flush();
                    });
            out.println(text.flush());
            System.err.println("[" + tokens.length + " prompt tokens, " + result.tokens().length
                    + " generated, finish: " + result.finishReason().name().toLowerCase() + "]");
        }
        return 0;
    }
}
