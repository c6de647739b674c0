package io.memserve.scheduler.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.memserve.openai.FinishReason;
import io.memserve.openai.OpenAiErrors;
import io.memserve.serving.api.FinishEvent;
import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import io.memserve.tokenizer.StreamingDetokenizer;

/**
 * Turns a worker's events into what the client sees: text through the streaming detokenizer, cut at the first stop
 * string, ended by a stop token (unless {@code ignore_eos}) or the length bound. The scheduler decides the end itself
 * rather than trusting every worker to, because stop strings exist only here; a {@link GenerationOutput.Finished}
 * tells the caller to cancel the worker's stream. Not thread-safe: one per request.
 */
public final class OutputAssembler {
    private final StreamingDetokenizer detokenizer;
    private final StopStringFilter stops;
    private final int[] stopTokenIds;
    private final int maxTokens;
    private final List<Integer> pendingTokens = new ArrayList<>();
    private int completionTokens;
    private boolean finished;
    private boolean stoppedByString;

    public OutputAssembler(StreamingDetokenizer detokenizer, GenerationSpec spec) {
        this.detokenizer = detokenizer;
        this.stops = new StopStringFilter(spec.stopStrings());
        this.stopTokenIds = spec.ignoreEos() ? new int[0] : spec.stopTokenIds();
        this.maxTokens = spec.maxTokens();
    }

    /**
     * Whether the generation ended on a stop string, which only the scheduler sees: then the worker's stream must be
     * cancelled. Every other end (stop token, length, the worker's finish) is the worker's too, and its stream is
     * read to its end, since the worker completes it only after writing the sequence's KV back (PD-Caching-3).
     */
    public boolean stoppedByString() {
        return stoppedByString;
    }

    public void accept(WorkerEvent event, Consumer<GenerationOutput> out) {
        if (finished) {
            return;
        }
        switch (event) {
            case MetaEvent meta -> out.accept(new GenerationOutput.Started(meta.promptTokens(), meta.cachedTokens()));
            case TokenEvent token -> token(token, out);
            case FinishEvent finish -> finish(finish.finishReason() == io.memserve.serving.api.FinishReason.LENGTH
                    ? FinishReason.LENGTH : FinishReason.STOP, out);
        }
    }

    /** The worker's stream ended without a finish event: it failed mid-generation. */
    public void ended() {
        if (!finished) {
            throw OpenAiErrors.serviceUnavailable("The worker's token stream ended before the generation finished.");
        }
    }

    private void token(TokenEvent event, Consumer<GenerationOutput> out) {
        completionTokens++;
        pendingTokens.add(event.token());
        if (isStopToken(event.token())) {
            finish(FinishReason.STOP, out);
            return;
        }
        String text = stops.accept(detokenizer.push(event.token()));
        if (stops.stopped()) {
            emit(text, out);
            stoppedByString = true;
            end(FinishReason.STOP, out);
        } else if (completionTokens >= maxTokens) {
            emit(text, out);
            finish(FinishReason.LENGTH, out);
        } else if (!text.isEmpty()) {
            emit(text, out);
        }
    }

    private void finish(FinishReason reason, Consumer<GenerationOutput> out) {
        String tail = stops.accept(detokenizer.flush());
        if (stops.stopped()) {
            emit(tail, out);
            stoppedByString = true;
            end(FinishReason.STOP, out);
            return;
        }
        emit(tail + stops.drain(), out);
        end(reason, out);
    }

    private void emit(String text, Consumer<GenerationOutput> out) {
        if (text.isEmpty() && pendingTokens.isEmpty()) {
            return;
        }
        out.accept(new GenerationOutput.Piece(text, List.copyOf(pendingTokens)));
        pendingTokens.clear();
    }

    private void end(FinishReason reason, Consumer<GenerationOutput> out) {
        finished = true;
        out.accept(new GenerationOutput.Finished(reason, completionTokens));
    }

    private boolean isStopToken(int token) {
        for (int id : stopTokenIds) {
            if (id == token) {
                return true;
            }
        }
        return false;
    }
}
