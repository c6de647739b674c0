package io.memserve.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.memserve.openai.CompletionRequest;
import io.memserve.openai.ModelList;
import io.memserve.openai.Prompt;
import io.memserve.openai.StreamOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends token-id prompts to {@code POST /v1/completions}, streamed, greedy, with {@code ignore_eos} (answers are
 * exactly {@code max_tokens} long), {@code return_token_ids} and the usage chunk. Blocking: one virtual thread per
 * session calls it.
 */
public final class CompletionClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final ModelList.Model model;
    private final Duration responseTimeout;

    private CompletionClient(HttpClient http, URI base, String apiKey, ModelList.Model model,
            Duration responseTimeout) {
        this.http = http;
        this.base = base;
        this.apiKey = apiKey;
        this.model = model;
        this.responseTimeout = responseTimeout;
    }

    /**
     * A client for {@code model} (checked against {@code GET /v1/models}), or for the first model listed when it is
     * {@code null}.
     */
    public static CompletionClient connect(String url, String apiKey, String model, Duration responseTimeout)
            throws IOException, InterruptedException {
        URI base = URI.create(url.endsWith("/") ? url : url + "/");
        if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--url must be an http(s) URL, got '" + url + "'");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        return new CompletionClient(http, base, apiKey, servedModel(http, base, apiKey, model), responseTimeout);
    }

    public String model() {
        return model.id();
    }

    /** The served model's context length in tokens. */
    public int maxModelLen() {
        return model.maxModelLen();
    }

    public Exchange complete(int session, int turn, int[] prompt, int maxTokens) throws InterruptedException {
        CompletionRequest body = new CompletionRequest(model.id(),
                Prompt.tokenIds(Arrays.stream(prompt).boxed().toList()), maxTokens, 0.0, null, null, null, null,
                true, new StreamOptions(true), true, null, true);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/completions"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("X-Session-Id", session < 0 ? "bench-warmup" : "bench-" + session)
                .timeout(responseTimeout)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        long start = System.nanoTime();
        StreamReader reader = new StreamReader(start);
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() != 200) {
                    return Exchange.failed(session, turn, start, prompt, (System.nanoTime() - start) / 1e6,
                            "HTTP " + response.statusCode() + ": " + lines.collect(Collectors.joining(" ")));
                }
                Iterator<String> it = lines.iterator();
                boolean more = true;
                while (more && it.hasNext()) {
                    more = reader.accept(it.next());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Exchange.failed(session, turn, start, prompt, (System.nanoTime() - start) / 1e6, e.toString());
        }
        return reader.finish(session, turn, prompt);
    }

    private static ModelList.Model servedModel(HttpClient http, URI base, String apiKey, String wanted)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("v1/models"))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/models answered " + response.statusCode() + ": " + response.body());
        }
        ModelList models = JSON.readValue(response.body(), ModelList.class);
        return models.data().stream().filter(m -> wanted == null || m.id().equals(wanted)).findFirst()
                .orElseThrow(() -> new IOException("GET /v1/models lists " + models.data().stream()
                        .map(ModelList.Model::id).toList() + (wanted == null ? "" : ", not '" + wanted + "'")));
    }
}
