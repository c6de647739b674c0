package io.memserve.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for scheduler-service: it echoes what reached it, streams server-sent events on cue,
 * answers slowly or never, and records how many requests reached each path and which responses were cancelled.
 */
final class FakeScheduler {

    /** How long {@code /v1/stream/pause} waits between its two events, and {@code /v1/slow-start} before answering. */
    static final Duration PAUSE = Duration.ofSeconds(3);
    static final Duration SLOW_START = Duration.ofSeconds(1);

    private static FakeScheduler instance;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> cancellations = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<Void>> gate = new AtomicReference<>(new CompletableFuture<>());
    private final DisposableServer server;

    private FakeScheduler() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .post("/v1/chat/completions", this::echo)
                .post("/v1/completions", this::badRequest)
                .get("/v1/models", this::models)
                .post("/v1/stream/gated", this::gatedStream)
                .post("/v1/stream/pause", this::pausedStream)
                .post("/v1/stream/endless", this::endlessStream)
                .post("/v1/stream/stall", this::stalledStream)
                .post("/v1/slow-start", this::slowStart)
                .post("/v1/silent", this::silent))
                .bindNow();
    }

    static synchronized FakeScheduler get() {
        if (instance == null) {
            instance = new FakeScheduler();
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int hits(String path) {
        return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** A latch released when the response to the next request on {@code path} is cancelled. */
    CountDownLatch watchCancel(String path) {
        CountDownLatch latch = new CountDownLatch(1);
        cancellations.put(path, latch);
        return latch;
    }

    /** Arms {@code /v1/stream/gated}: its events after the first wait until the returned future completes. */
    CompletableFuture<Void> newGate() {
        CompletableFuture<Void> next = new CompletableFuture<>();
        gate.set(next);
        return next;
    }

    private void hit(HttpServerRequest request) {
        hits.computeIfAbsent("/" + request.path(), p -> new AtomicInteger()).incrementAndGet();
    }

    private Runnable cancelled(String path) {
        CountDownLatch latch = cancellations.get(path);
        return latch == null ? () -> { } : latch::countDown;
    }

    private Mono<Void> echo(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", request.method().name());
            echo.put("uri", request.uri());
            echo.put("body", new String(body, StandardCharsets.UTF_8));
            echo.put("bodyBytes", body.length);
            echo.put("contentLength", request.requestHeaders().get("Content-Length"));
            echo.put("transferEncoding", request.requestHeaders().get("Transfer-Encoding"));
            echo.put("authorization", request.requestHeaders().get("Authorization"));
            echo.put("keyId", request.requestHeaders().get("X-MemServe-Key-Id"));
            echo.put("sessionId", request.requestHeaders().get("X-Session-Id"));
            return response.status(201).header("Content-Type", "application/json").header("X-Upstream", "fake")
                    .sendByteArray(Mono.just(json.writeValueAsBytes(echo))).then();
        });
    }

    private Mono<Void> badRequest(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        return request.receive().then(response.status(400).header("Content-Type", "application/json")
                .sendString(Mono.just("{\"error\":{\"message\":\"from upstream\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"model\",\"code\":\"model_not_found\"}}")).then());
    }

    private Mono<Void> models(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        return response.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"object\":\"list\",\"data\":[{\"id\":\"tiny\",\"object\":\"model\"}]}"))
                .then();
    }

    private Mono<Void> gatedStream(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        CompletableFuture<Void> open = gate.get();
        return sse(request, response, Flux.concat(Flux.just("first"),
                Mono.fromFuture(open).thenMany(Flux.just("second", "[DONE]"))));
    }

    private Mono<Void> pausedStream(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        return sse(request, response, Flux.concat(Flux.just("first"),
                Mono.delay(PAUSE).thenMany(Flux.just("second", "[DONE]"))));
    }

    private Mono<Void> endlessStream(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        Runnable onCancel = cancelled("/v1/stream/endless");
        return sse(request, response, Flux.interval(Duration.ofMillis(20)).map(i -> "tick " + i)
                .doOnCancel(onCancel));
    }

    private Mono<Void> stalledStream(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        Runnable onCancel = cancelled("/v1/stream/stall");
        return sse(request, response, Flux.concat(Flux.just("first"), Flux.<String>never()).doOnCancel(onCancel));
    }

    private Mono<Void> slowStart(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        return request.receive().then(Mono.delay(SLOW_START)).then(response.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"slow\":true}")).then());
    }

    private Mono<Void> silent(HttpServerRequest request, HttpServerResponse response) {
        hit(request);
        Runnable onCancel = cancelled("/v1/silent");
        return request.receive().then(Mono.<Void>never().doOnCancel(onCancel));
    }

    /** Each event is flushed on its own, as a token stream is. */
    private static Mono<Void> sse(HttpServerRequest request, HttpServerResponse response, Flux<String> events) {
        Flux<ByteBuf> frames = events.map(e -> Unpooled.copiedBuffer("data: " + e + "\n\n", StandardCharsets.UTF_8));
        return request.receive().then(response.sse().send(frames, frame -> true).then());
    }
}
