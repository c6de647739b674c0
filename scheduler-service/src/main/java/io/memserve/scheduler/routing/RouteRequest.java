package io.memserve.scheduler.routing;

/** What a policy may look at: the prompt's token ids and the client's {@code X-Session-Id} (or null). */
public record RouteRequest(int[] promptTokenIds, String sessionId) {
}
