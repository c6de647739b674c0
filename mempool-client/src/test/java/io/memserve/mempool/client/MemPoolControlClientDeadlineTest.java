package io.memserve.mempool.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memserve.mempool.api.InsertRequest;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A pool that accepts connections and reads requests but never answers. */
class MemPoolControlClientDeadlineTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    /** Only for the test not to hang if the deadline were broken; the assertions are on what fails, not when. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    @Test
    void aCallToAPoolThatNeverAnswersFailsAtItsDeadlineAndOnlyIdempotentCallsAreRetried() throws Exception {
        try (SilentServer server = new SilentServer();
                MemPoolControlClient client = new MemPoolControlClient(server.baseUrl(), DEADLINE)) {
            RuntimeException status = assertThrows(RuntimeException.class, () -> client.status().block(GUARD));
            assertInstanceOf(ReadTimeoutException.class, status);
            assertEquals(3, server.requests(), "status is idempotent: one call and two retries");

            InsertRequest insert = new InsertRequest("m", "L1-H1-D8-F32-T16", new int[16], List.of(1L));
            RuntimeException inserted = assertThrows(RuntimeException.class, () -> client.insert(insert).block(GUARD));
            assertInstanceOf(ReadTimeoutException.class, inserted);
            assertEquals(4, server.requests(), "insert is not retried");
        }
    }

    /** Counts the requests it reads (each on a connection of its own, as the client closes a timed-out one). */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger requests = new AtomicInteger();
        private final Thread acceptor = Thread.ofVirtual().start(this::accept);

        SilentServer() throws IOException {
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    requests.incrementAndGet();
                    Thread.ofVirtual().start(() -> drain(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void drain(Socket connection) {
            try (connection; InputStream in = connection.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closedByClient) {
                // the client gave up on this connection, which is the point
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }
}
