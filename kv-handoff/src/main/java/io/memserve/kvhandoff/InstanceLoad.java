package io.memserve.kvhandoff;

/** What a worker reports in each heartbeat: sequences being served and sequences queued for admission. */
public record InstanceLoad(int running, int waiting) {
}
