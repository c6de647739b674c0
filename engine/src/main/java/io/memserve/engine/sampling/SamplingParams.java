package io.memserve.engine.sampling;

/**
 * How a request draws its tokens. Temperature 0 is greedy decoding. {@code topK} 0 keeps every token; {@code topP} 1
 * keeps the whole distribution. The seed fixes every random draw of the request.
 */
public record SamplingParams(float temperature, int topK, float topP, long seed) {

    public static final SamplingParams GREEDY = new SamplingParams(0f, 0, 1f, 0L);

    public SamplingParams {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0: " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0 (0 disables it): " + topK);
        }
        if (!(topP > 0f && topP <= 1f)) {
            throw new IllegalArgumentException("top_p must be in (0, 1]: " + topP);
        }
    }

    public boolean greedy() {
        return temperature == 0f;
    }
}
