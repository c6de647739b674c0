package io.memserve.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports that were free when asked for, never the same one twice: the children bind them a moment later, so a port
 * handed out once is remembered rather than offered again by the system.
 */
final class FreePorts {

    private final Set<Integer> given = new HashSet<>();

    synchronized int next() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (given.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on this machine", e);
            }
        }
    }

    /** {@code requested}, or a free port when it is 0. */
    synchronized int orFree(int requested) {
        if (requested == 0) {
            return next();
        }
        given.add(requested);
        return requested;
    }
}
