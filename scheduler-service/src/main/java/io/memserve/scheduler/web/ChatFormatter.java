package io.memserve.scheduler.web;

import java.util.ArrayList;
import java.util.List;

import io.memserve.openai.ChatCompletion;
import io.memserve.openai.ChatCompletionChunk;
import io.memserve.scheduler.generation.GenerationOutput;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A chat generation as OpenAI shapes it: chunks (role, content deltas, finish, optional usage) or one completion. */
final class ChatFormatter {
    private final String id;
    private final long created;
    private final String model;

    ChatFormatter(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    Flux<ChatCompletionChunk> chunks(Flux<GenerationOutput> outputs, boolean includeUsage) {
        return Flux.defer(() -> {
            Accounting accounting = new Accounting();
            return outputs.concatMapIterable(output -> {
                accounting.observe(output);
                List<ChatCompletionChunk> chunks = new ArrayList<>(2);
                switch (output) {
                    case GenerationOutput.Started _ -> chunks.add(ChatCompletionChunk.role(id, created, model));
                    case GenerationOutput.Piece p -> {
                        if (!p.text().isEmpty()) {
                            chunks.add(ChatCompletionChunk.content(id, created, model, p.text()));
                        }
                    }
                    case GenerationOutput.Finished f -> {
                        chunks.add(ChatCompletionChunk.finish(id, created, model, f.reason()));
                        if (includeUsage) {
                            chunks.add(ChatCompletionChunk.usage(id, created, model, accounting.usage()));
                        }
                    }
                }
                return chunks;
            });
        });
    }

    Mono<ChatCompletion> whole(Flux<GenerationOutput> outputs) {
        return Mono.defer(() -> {
            Accounting accounting = new Accounting();
            return outputs.doOnNext(accounting::observe)
                    .then(Mono.fromSupplier(() -> ChatCompletion.of(id, created, model, accounting.text(),
                            accounting.finishReason(), accounting.usage())));
        });
    }
}
