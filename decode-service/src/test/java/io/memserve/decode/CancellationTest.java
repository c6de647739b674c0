package io.memserve.decode;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memserve.serving.api.Sampling;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** A client that goes away mid-stream leaves nothing behind: batch, queue, engine pages and pool pins drain. */
class CancellationTest {

    private static final Sampling GREEDY = Sampling.greedy(9);

    private final TestCluster cluster = TestCluster.get();

    @Test
    void abandonedStreamsReleaseEverything() {
        // Six streams against a batch of four: some are cancelled while still waiting for admission.
        Flux.range(0, 6).flatMap(i -> i % 2 == 0
                        ? cluster.colocated.stream("/internal/generate",
                                Requests.generate(Requests.prompt(40 + i, 300 + i), GREEDY, 400, true, true)).take(3)
                        : cluster.decode.stream("/internal/decode", Requests.decode(Requests.prompt(40 + i, 300 + i),
                                7, GREEDY, 400, true, cluster.prefillPool.id, true)).take(3), 6)
                .blockLast(Duration.ofSeconds(60));

        for (TestWorker worker : new TestWorker[] {cluster.colocated, cluster.decode}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertEquals(0, worker.admissions().running(), () -> worker.url + " still runs sequences");
                assertEquals(0, worker.admissions().waiting());
                assertEquals(TestCluster.KV_PAGES, worker.engine().pages().freePages());
            });
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(0, cluster.decodePool.pinnedBlocks());
            assertEquals(0, cluster.prefillPool.pinnedBlocks());
        });
    }
}
