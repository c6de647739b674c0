package io.memserve.devcluster;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits for a state the cluster reaches asynchronously (a heartbeat publishes it, a cancellation travels through
 * three services). The limit only bounds the wait; how fast the state comes is not what is tested.
 */
final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private Eventually() {
    }

    /** Polls {@code state} until it is "" (reached), or fails with the last description it gave. */
    static void await(Supplier<String> state) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        String last = state.get();
        while (!last.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never reached within " + LIMIT.toSeconds() + " s: " + last);
            }
            Thread.sleep(POLL);
            last = state.get();
        }
    }
}
