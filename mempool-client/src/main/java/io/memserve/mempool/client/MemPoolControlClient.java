package io.memserve.mempool.client;

import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.AllocResponse;
import io.memserve.mempool.api.DeleteRequest;
import io.memserve.mempool.api.DeleteResponse;
import io.memserve.mempool.api.ErrorResponse;
import io.memserve.mempool.api.FreeRequest;
import io.memserve.mempool.api.FreeResponse;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.LeaseRenewRequest;
import io.memserve.mempool.api.LeaseResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.MemPoolJson;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.ResizeRequest;
import io.memserve.mempool.api.SwapInRequest;
import io.memserve.mempool.api.SwapOutRequest;
import io.memserve.mempool.api.SwapResponse;
import io.memserve.mempool.api.TransferRequest;
import io.memserve.mempool.api.TransferResponse;
import io.memserve.mempool.api.TransferWithInsertRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;

/**
 * The REST control plane of one pool, every verb. Each call has a deadline, kept by Reactor Netty's own timers on the
 * connection's event loop: to acquire a connection, to connect, and for the answer once the request is sent. (A
 * Reactor {@code timeout} operator would instead arm and cancel a timer on a scheduler thread with every call, waking
 * that thread each time, which on a small machine costs as much as a match.) Only idempotent calls (match, status,
 * delete, lease renewal) are retried, and only on transport failures, timeouts or 502/503/504, never on a 4xx.
 */
public final class MemPoolControlClient implements AutoCloseable {

    private static final int RETRIES = 2;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(20);

    private final String baseUrl;
    private final ConnectionProvider connections;
    private final HttpClient http;

    public MemPoolControlClient(String baseUrl, Duration deadline) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.connections = ConnectionProvider.builder("mempool-control").maxConnections(64)
                .pendingAcquireTimeout(deadline).build();
        this.http = HttpClient.create(connections).baseUrl(this.baseUrl)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) deadline.toMillis()).responseTimeout(deadline)
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Mono<AllocResponse> alloc(AllocRequest request) {
        return call(HttpMethod.POST, "/v1/alloc_mem", request, AllocResponse.class, false);
    }

    public Mono<FreeResponse> free(FreeRequest request) {
        return call(HttpMethod.POST, "/v1/free_mem", request, FreeResponse.class, false);
    }

    public Mono<InsertResponse> insert(InsertRequest request) {
        return call(HttpMethod.POST, "/v1/insert", request, InsertResponse.class, false);
    }

    public Mono<MatchResponse> match(MatchRequest request) {
        return call(HttpMethod.POST, "/v1/match", request, MatchResponse.class, true);
    }

    public Mono<DeleteResponse> delete(DeleteRequest request) {
        return call(HttpMethod.POST, "/v1/delete", request, DeleteResponse.class, true);
    }

    public Mono<TransferResponse> transfer(TransferRequest request) {
        return call(HttpMethod.POST, "/v1/transfer", request, TransferResponse.class, false);
    }

    public Mono<TransferResponse> transferWithInsert(TransferWithInsertRequest request) {
        return call(HttpMethod.POST, "/v1/transfer_with_insert", request, TransferResponse.class, false);
    }

    public Mono<SwapResponse> swapOut(SwapOutRequest request) {
        return call(HttpMethod.POST, "/v1/swap_out", request, SwapResponse.class, false);
    }

    public Mono<SwapResponse> swapIn(SwapInRequest request) {
        return call(HttpMethod.POST, "/v1/swap_in", request, SwapResponse.class, false);
    }

    public Mono<PoolStatus> status() {
        return call(HttpMethod.GET, "/v1/status", null, PoolStatus.class, true);
    }

    public Mono<PoolStatus> resize(ResizeRequest request) {
        return call(HttpMethod.POST, "/v1/resize", request, PoolStatus.class, false);
    }

    public Mono<LeaseResponse> renewLease(String leaseId, LeaseRenewRequest request) {
        return call(HttpMethod.POST, "/v1/leases/" + leaseId + "/renew", request, LeaseResponse.class, true);
    }

    public Mono<LeaseResponse> releaseLease(String leaseId) {
        return call(HttpMethod.DELETE, "/v1/leases/" + leaseId, null, LeaseResponse.class, false);
    }

    private <T> Mono<T> call(HttpMethod method, String path, Object body, Class<T> type, boolean idempotent) {
        Mono<T> once = Mono.defer(() -> exchange(method, path, body, type));
        if (!idempotent) {
            return once;
        }
        return once.retryWhen(Retry.backoff(RETRIES, RETRY_BACKOFF).filter(MemPoolControlClient::retryable)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private <T> Mono<T> exchange(HttpMethod method, String path, Object body, Class<T> type) {
        HttpClient.RequestSender sender = http.request(method).uri(path);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(MemPoolJson.mapper()
                        .writeValueAsBytes(body))));
        return receiver.responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                .map(bytes -> decode(response.status().code(), bytes, type)));
    }

    private static <T> T decode(int status, byte[] bytes, Class<T> type) {
        if (status / 100 == 2) {
            return MemPoolJson.mapper().readValue(bytes, type);
        }
        try {
            ErrorResponse error = MemPoolJson.mapper().readValue(bytes, ErrorResponse.class);
            if (error.error() != null) {
                throw new MemPoolApiException(status, error.error().type(), error.error().code(), error.error().message());
            }
        } catch (JacksonException notJson) {
            // the body is not MemPool's error JSON (a proxy or a crash answered); report the status alone
        }
        throw new MemPoolApiException(status, "server_error", "http_" + status, "MemPool answered HTTP " + status);
    }

    private static boolean retryable(Throwable t) {
        return t instanceof IOException || t instanceof TimeoutException || t instanceof ReadTimeoutException
                || t instanceof MemPoolApiException e && e.transientFailure();
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
