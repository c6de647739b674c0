package io.memserve.scheduler.generation;

import io.memserve.openai.OpenAiError;
import io.memserve.openai.OpenAiErrors;
import io.memserve.openai.OpenAiException;
import io.memserve.scheduler.routing.Route;
import io.memserve.serving.api.DecodeRequest;
import io.memserve.serving.api.GenerateRequest;
import io.memserve.serving.api.InstanceRecord;
import io.memserve.serving.api.MetaEvent;
import io.memserve.serving.api.PrefillRequest;
import io.memserve.serving.api.PrefillResponse;
import io.memserve.serving.api.ServingJson;
import io.memserve.serving.api.TokenEvent;
import io.memserve.serving.api.WorkerEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls the workers of a route (docs/serving-internals.md) and presents every mode as one event stream: a
 * {@link MetaEvent}, tokens from index 0, a finish event. In disaggregated mode the prefill answer becomes the meta
 * event and token 0, so the first token reaches the client before decode starts. Cancelling the returned stream
 * closes the worker's connection, which is how a worker learns that the client left.
 */
public final class WorkerClient {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    private final WebClient http;

    public WorkerClient(WebClient http) {
        this.http = http;
    }

    public Flux<WorkerEvent> events(Route route, GenerationSpec spec) {
        return switch (route) {
            case Route.Colocated c -> stream(c.instance(), "/internal/generate", new GenerateRequest(spec.requestId(),
                    spec.promptTokenIds(), spec.sampling(), spec.maxTokens(), spec.stopTokenIds(), spec.ignoreEos(),
                    spec.cache()));
            case Route.Disaggregated d -> prefill(d, spec).flatMapMany(first -> Flux.concat(
                    Flux.just(new MetaEvent(first.promptTokens(), first.cachedTokens()),
                            new TokenEvent(first.firstToken(), 0)),
                    stream(d.decode(), "/internal/decode", new DecodeRequest(spec.requestId(),
                            spec.promptTokenIds(), first.firstToken(), spec.sampling(), spec.maxTokens(),
                            spec.stopTokenIds(), spec.ignoreEos(), d.prefill().pool(), spec.cache()))));
        };
    }

    private Mono<PrefillResponse> prefill(Route.Disaggregated route, GenerationSpec spec) {
        InstanceRecord instance = route.prefill();
        return http.post().uri(instance.url() + "/internal/prefill")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new PrefillRequest(spec.requestId(), spec.promptTokenIds(), spec.sampling(),
                        route.decode().pool(), spec.cache()))
                .retrieve()
                .onStatus(status -> status.isError(), response -> refusal(instance, response))
                .bodyToMono(PrefillResponse.class)
                .onErrorMap(WebClientRequestException.class, e -> unreachable(instance, e));
    }

    private Flux<WorkerEvent> stream(InstanceRecord instance, String path, Object body) {
        return http.post().uri(instance.url() + path)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> status.isError(), response -> refusal(instance, response))
                .bodyToFlux(SSE)
                .filter(event -> event.data() != null)
                .map(event -> ServingJson.mapper().readValue(event.data(), WorkerEvent.class))
                .onErrorMap(WebClientRequestException.class, e -> unreachable(instance, e));
    }

    /** A worker's refusal comes as OpenAI error JSON; it is passed on as is, anything else becomes a 503. */
    private static Mono<OpenAiException> refusal(InstanceRecord instance, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(OpenAiError.class)
                .filter(error -> error.error() != null && error.error().message() != null)
                .map(error -> new OpenAiException(status, error))
                .onErrorResume(e -> Mono.empty())
                .switchIfEmpty(Mono.fromSupplier(() -> OpenAiErrors.serviceUnavailable(
                        "Worker " + instance.id() + " failed with HTTP " + status + ".")));
    }

    private static OpenAiException unreachable(InstanceRecord instance, Throwable e) {
        return OpenAiErrors.serviceUnavailable("Worker " + instance.id() + " is unreachable: " + e.getMessage());
    }
}
