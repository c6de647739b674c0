package io.memserve.bench.stats;

/**
 * Service-level objectives of one request; an unset bound is always met. A one-token answer has no TPOT and meets
 * any TPOT bound.
 */
public record Slo(Double ttftMs, Double tpotMs) {

    public Slo {
        if ((ttftMs != null && !(ttftMs > 0)) || (tpotMs != null && !(tpotMs > 0))) {
            throw new IllegalArgumentException("--slo-ttft-ms and --slo-tpot-ms must be positive");
        }
    }

    public boolean isSet() {
        return ttftMs != null || tpotMs != null;
    }

    public boolean met(double ttft, Double tpot) {
        return (ttftMs == null || ttft <= ttftMs) && (tpotMs == null || tpot == null || tpot <= tpotMs);
    }
}
