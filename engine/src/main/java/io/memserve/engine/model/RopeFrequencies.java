package io.memserve.engine.model;

/**
 * Rotary position embedding frequencies, with Llama 3's rope scaling when the checkpoint asks for it: low frequencies
 * are divided by the scaling factor, high ones kept, and the band between blended smoothly.
 */
public final class RopeFrequencies {

    private final double[] inverse;

    private RopeFrequencies(double[] inverse) {
        this.inverse = inverse;
    }

    public static RopeFrequencies plain(int headDim, double theta) {
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary embedding needs an even head dimension: " + headDim);
        }
        double[] inverse = new double[headDim / 2];
        for (int i = 0; i < inverse.length; i++) {
            inverse[i] = 1.0 / StrictMath.pow(theta, (2.0 * i) / headDim);
        }
        return new RopeFrequencies(inverse);
    }

    public static RopeFrequencies llama3(int headDim, double theta, double factor, double lowFreqFactor,
            double highFreqFactor, int originalContext) {
        if (factor <= 0 || lowFreqFactor <= 0 || highFreqFactor <= lowFreqFactor || originalContext <= 0) {
            throw new IllegalArgumentException("invalid llama3 rope scaling: factor " + factor + ", low "
                    + lowFreqFactor + ", high " + highFreqFactor + ", original context " + originalContext);
        }
        double[] inverse = plain(headDim, theta).inverse;
        double lowFreqWavelength = originalContext / lowFreqFactor;
        double highFreqWavelength = originalContext / highFreqFactor;
        for (int i = 0; i < inverse.length; i++) {
            double wavelength = 2 * Math.PI / inverse[i];
            if (wavelength > lowFreqWavelength) {
                inverse[i] /= factor;
            } else if (wavelength >= highFreqWavelength) {
                double smooth = (originalContext / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                inverse[i] = (1 - smooth) * inverse[i] / factor + smooth * inverse[i];
            }
        }
        return new RopeFrequencies(inverse);
    }

    /** Half the head dimension: the number of rotated pairs. */
    public int pairs() {
        return inverse.length;
    }

    /** Writes cos and sin of every pair's angle at {@code position} into {@code cos[at..]} and {@code sin[at..]}. */
    public void angles(int position, float[] cos, float[] sin, int at) {
        for (int i = 0; i < inverse.length; i++) {
            double angle = position * inverse[i];
            cos[at + i] = (float) StrictMath.cos(angle);
            sin[at + i] = (float) StrictMath.sin(angle);
        }
    }
}
