package io.memserve.bench.stats;

/** Requests per second that finished and met every SLO, over the run's duration. */
public final class Goodput {

    private Goodput() {
    }

    /**
     * @param ttftMs TTFT of each finished request
     * @param tpotMs TPOT of each finished request, {@code null} for one-token answers
     */
    public static double perSecond(double[] ttftMs, Double[] tpotMs, Slo slo, double durationS) {
        if (ttftMs.length != tpotMs.length || !(durationS > 0)) {
            throw new IllegalArgumentException("goodput needs one TPOT per TTFT and a positive duration");
        }
        int good = 0;
        for (int i = 0; i < ttftMs.length; i++) {
            if (slo.met(ttftMs[i], tpotMs[i])) {
                good++;
            }
        }
        return good / durationS;
    }
}
