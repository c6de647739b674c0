package io.memserve.checkpoint;

/**
 * Llama 3 style RoPE frequency scaling ({@code rope_type: "llama3"}): long wavelengths are divided by {@code factor},
 * short ones kept, and the band between {@code lowFreqFactor} and {@code highFreqFactor} interpolated. A model without
 * scaling has no RopeScaling at all (null), whatever its config calls that ("default" or nothing).
 */
public record RopeScaling(String ropeType, double factor, double lowFreqFactor, double highFreqFactor,
        int originalMaxPositionEmbeddings) {

    public static final String LLAMA3 = "llama3";

    public RopeScaling {
        if (!LLAMA3.equals(ropeType)) {
            throw new IllegalArgumentException("unsupported rope type " + ropeType + " (llama3 and default are)");
        }
        if (!(factor >= 1) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor)
                || originalMaxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException("llama3 rope scaling needs factor >= 1, 0 < low_freq_factor < "
                    + "high_freq_factor and original_max_position_embeddings > 0, got factor " + factor
                    + ", low " + lowFreqFactor + ", high " + highFreqFactor + ", original "
                    + originalMaxPositionEmbeddings);
        }
    }

    public static RopeScaling llama3(double factor, double lowFreqFactor, double highFreqFactor,
            int originalMaxPositionEmbeddings) {
        return new RopeScaling(LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings);
    }
}
