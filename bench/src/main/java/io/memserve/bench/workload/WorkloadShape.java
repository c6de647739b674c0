package io.memserve.bench.workload;

import java.util.List;
import java.util.random.RandomGenerator;

/** The content of one kind of workload; arrivals and the context bound are added by {@link WorkloadGenerator}. */
interface WorkloadShape {

    /** {@code count} sessions numbered from 0, all arriving at 0. */
    List<SessionScript> sessions(int count, WorkloadSettings settings, RandomGenerator random);
}
