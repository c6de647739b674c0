package io.memserve.devcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** Plain HTTP to the cluster's gateway, as any OpenAI client would talk to it. */
final class GatewayClient {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String apiKey;
    private final String sessionId;

    GatewayClient(RunningCluster cluster, String apiKey) {
        this(cluster.gatewayUrl(), apiKey, null);
    }

    private GatewayClient(String baseUrl, String apiKey, String sessionId) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.sessionId = sessionId;
    }

    /** The same gateway with another key, or none at all when {@code apiKey} is null. */
    GatewayClient withKey(String apiKey) {
        return new GatewayClient(baseUrl, apiKey, sessionId);
    }

    /** Requests that carry {@code X-Session-Id}, which the {@code session} policy routes by. */
    GatewayClient withSession(String sessionId) {
        return new GatewayClient(baseUrl, apiKey, sessionId);
    }

    HttpResult post(String path, JsonNode body) {
        return post(path, HttpResult.JSON.writeValueAsBytes(body));
    }

    HttpResult post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResult get(String path) {
        return send(request(path).GET().build());
    }

    /**
     * Every line of a streamed answer, blank separators included, read to the end. The end must come within
     * {@link #TIMEOUT}, like any answer's headers: a request's own timeout stops at the headers, and a stream that
     * stalls would otherwise hold the whole suite.
     */
    List<String> streamLines(String path, JsonNode body) {
        HttpRequest request = request(path)
                .POST(HttpRequest.BodyPublishers.ofByteArray(HttpResult.JSON.writeValueAsBytes(body))).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new AssertionError("stream answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().lines().toList();
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("the stream of " + path + " did not end within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streamed answer left open for the caller to read from and to abandon by closing it. */
    InputStream openStream(String path, JsonNode body) {
        HttpRequest request = request(path)
                .POST(HttpRequest.BodyPublishers.ofByteArray(HttpResult.JSON.writeValueAsBytes(body))).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    throw new AssertionError("stream answered " + response.statusCode() + ": "
                            + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        if (sessionId != null) {
            builder.header("X-Session-Id", sessionId);
        }
        return builder;
    }

    private HttpResult send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
