package io.memserve.decode.web;

import io.memserve.decode.generation.GenerationPlan;
import io.memserve.engine.Engine;
import io.memserve.engine.sampling.SamplingParams;
import io.memserve.openai.OpenAiErrors;
import io.memserve.serving.api.DecodeRequest;
import io.memserve.serving.api.GenerateRequest;
import io.memserve.serving.api.Sampling;
import org.springframework.stereotype.Component;

/**
 * Turns the worker API's requests into generation plans, refusing what the model cannot take: token ids outside its
 * vocabulary, a prompt that leaves no room in its context, sampling the engine does not accept.
 */
@Component
class WorkerRequests {

    private final int vocabSize;
    private final int maxContext;
    private final int[] modelStopTokens;

    WorkerRequests(Engine engine) {
        this.vocabSize = engine.config().vocabSize();
        this.maxContext = engine.config().maxPositionEmbeddings();
        this.modelStopTokens = engine.config().eosTokenIds();
    }

    GenerationPlan plan(DecodeRequest request) {
        checkPrompt(request.promptTokenIds(), request.maxTokens());
        checkToken("first_token", request.firstToken());
        return new GenerationPlan(request.promptTokenIds(), request.firstToken(), sampling(request.sampling()),
                request.maxTokens(), stopTokens(request.stopTokenIds()), request.ignoreEos());
    }

    GenerationPlan plan(GenerateRequest request) {
        checkPrompt(request.promptTokenIds(), request.maxTokens());
        return new GenerationPlan(request.promptTokenIds(), GenerationPlan.SAMPLE_HERE, sampling(request.sampling()),
                request.maxTokens(), stopTokens(request.stopTokenIds()), request.ignoreEos());
    }

    private void checkPrompt(int[] prompt, int maxTokens) {
        if (prompt.length >= maxContext) {
            throw OpenAiErrors.contextLengthExceeded("prompt_token_ids", maxContext, prompt.length, maxTokens);
        }
        for (int token : prompt) {
            checkToken("prompt_token_ids", token);
        }
    }

    private void checkToken(String param, int token) {
        if (token < 0 || token >= vocabSize) {
            throw OpenAiErrors.invalidValue(param, "Token id " + token + " is outside the model's vocabulary [0, "
                    + vocabSize + ").");
        }
    }

    /** The model's own end-of-sequence tokens when the request names none. */
    private int[] stopTokens(int[] requested) {
        return requested == null ? modelStopTokens : requested;
    }

    private static SamplingParams sampling(Sampling sampling) {
        try {
            return new SamplingParams(sampling.temperature().floatValue(), sampling.topK(),
                    sampling.topP().floatValue(), sampling.seed());
        } catch (IllegalArgumentException e) {
            throw OpenAiErrors.invalidValue("sampling", e.getMessage());
        }
    }
}
