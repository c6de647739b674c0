package io.memserve.scheduler.web;

import java.util.ArrayList;
import java.util.List;

import io.memserve.openai.TextCompletion;
import io.memserve.scheduler.generation.GenerationOutput;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A text completion as OpenAI shapes it, streamed or whole. With {@code return_token_ids} the prompt's ids come with
 * the first event (or the choice) and every piece carries its token ids, as vLLM does.
 */
final class CompletionFormatter {
    private final String id;
    private final long created;
    private final String model;
    private final List<Integer> promptTokenIds;

    /** {@code promptTokenIds} is null unless the client asked for token ids. */
    CompletionFormatter(String id, long created, String model, List<Integer> promptTokenIds) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.promptTokenIds = promptTokenIds;
    }

    Flux<TextCompletion> chunks(Flux<GenerationOutput> outputs, boolean includeUsage) {
        boolean ids = promptTokenIds != null;
        return Flux.defer(() -> {
            Accounting accounting = new Accounting();
            return outputs.concatMapIterable(output -> {
                accounting.observe(output);
                List<TextCompletion> chunks = new ArrayList<>(2);
                switch (output) {
                    case GenerationOutput.Started _ -> {
                        if (ids) {
                            chunks.add(chunk(new TextCompletion.Choice(0, "", null, promptTokenIds, List.of())));
                        }
                    }
                    case GenerationOutput.Piece p -> {
                        if (ids || !p.text().isEmpty()) {
                            chunks.add(chunk(new TextCompletion.Choice(0, p.text(), null, null,
                                    ids ? p.tokenIds() : null)));
                        }
                    }
                    case GenerationOutput.Finished f -> {
                        chunks.add(chunk(new TextCompletion.Choice(0, "", f.reason(), null, ids ? List.of() : null)));
                        if (includeUsage) {
                            chunks.add(TextCompletion.usageOnly(id, created, model, accounting.usage()));
                        }
                    }
                }
                return chunks;
            });
        });
    }

    Mono<TextCompletion> whole(Flux<GenerationOutput> outputs) {
        return Mono.defer(() -> {
            Accounting accounting = new Accounting();
            return outputs.doOnNext(accounting::observe)
                    .then(Mono.fromSupplier(() -> TextCompletion.of(id, created, model,
                            new TextCompletion.Choice(0, accounting.text(), accounting.finishReason(), promptTokenIds,
                                    promptTokenIds == null ? null : accounting.tokenIds()),
                            accounting.usage())));
        });
    }

    private TextCompletion chunk(TextCompletion.Choice choice) {
        return TextCompletion.of(id, created, model, choice, null);
    }
}
