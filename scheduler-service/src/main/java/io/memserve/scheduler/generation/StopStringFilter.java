package io.memserve.scheduler.generation;

import java.util.List;

/**
 * Lets generated text through up to the first stop string. Text that could still become the start of a stop string
 * is held back until the next piece decides it, so no part of a stop string ever reaches the client.
 */
final class StopStringFilter {
    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    StopStringFilter(List<String> stops) {
        this.stops = stops;
    }

    /** Adds decoded text; returns what may be sent now. After a stop string, {@link #stopped()} is true. */
    String accept(String text) {
        held.append(text);
        int stopAt = firstStop();
        if (stopAt >= 0) {
            stopped = true;
            String out = held.substring(0, stopAt);
            held.setLength(0);
            return out;
        }
        int keep = longestStopPrefixSuffix();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** The generation ended without a stop string: what was held back is plain text after all. */
    String drain() {
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    boolean stopped() {
        return stopped;
    }

    private int firstStop() {
        int first = -1;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private int longestStopPrefixSuffix() {
        int longest = 0;
        for (String stop : stops) {
            for (int n = Math.min(stop.length() - 1, held.length()); n > longest; n--) {
                if (held.substring(held.length() - n).equals(stop.substring(0, n))) {
                    longest = n;
                    break;
                }
            }
        }
        return longest;
    }
}
