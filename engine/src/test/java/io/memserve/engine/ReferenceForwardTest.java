package io.memserve.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.checkpoint.Checkpoint;
import io.memserve.checkpoint.LlamaTensors;
import io.memserve.checkpoint.ModelConfig;
import io.memserve.checkpoint.ModelShape;
import io.memserve.checkpoint.RopeScaling;
import io.memserve.checkpoint.Tensor;
import io.memserve.kvblock.DType;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's logits against a Llama forward pass written here from the paper's equations in plain double-precision
 * loops, reading the same tensors: relative error below 1e-4.
 */
class ReferenceForwardTest {

    static Stream<Arguments> shapes() {
        RopeScaling llama3 = RopeScaling.llama3(8, 1, 4, 64);
        return Stream.of(
                Arguments.of("f32 gqa4 llama3 untied",
                        new ModelShape(287, 64, 96, 2, 8, 2, 16, 256, 1e-5, 500000.0, llama3, DType.F32, false)),
                Arguments.of("f32 mha tied odd sizes",
                        new ModelShape(301, 72, 136, 2, 3, 3, 24, 256, 1e-6, 10000.0, null, DType.F32, true)),
                Arguments.of("bf16 gqa3 llama3 tied",
                        new ModelShape(300, 72, 136, 2, 6, 2, 24, 256, 1e-5, 10000.0, llama3, DType.BF16, true)),
                Arguments.of("bf16 gqa2 untied",
                        new ModelShape(320, 64, 128, 3, 4, 2, 16, 256, 1e-5, 10000.0, null, DType.BF16, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void logitsMatchAPlainDoublePrecisionForwardPass(String name, ModelShape shape, @TempDir Path dir) {
        int[] tokens = TestModels.randomTokens(37, shape.vocabSize(), 3);
        float[] engineLogits;
        try (Engine engine = TestModels.generateAndLoad(dir, shape, 2); Sequence seq = engine.newSequence()) {
            engineLogits = TestModels.feed(engine, seq, tokens, 0, 20);
        }
        double[] reference;
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            reference = new Reference(checkpoint, shape.dtype() != DType.F32).lastLogits(tokens);
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < reference.length; i++) {
            diff += (engineLogits[i] - reference[i]) * (engineLogits[i] - reference[i]);
            norm += reference[i] * reference[i];
        }
        double relative = Math.sqrt(diff / norm);
        assertTrue(relative < 1e-4, name + ": relative error " + relative);
    }

    /** Llama in double precision; K and V are rounded to bfloat16 as a BF16 model's cache stores them. */
    private record Reference(Checkpoint checkpoint, boolean bf16Cache) {

        double[] lastLogits(int[] tokens) {
            ModelConfig c = checkpoint.config();
            int n = tokens.length;
            int hidden = c.hiddenSize();
            int hd = c.headDim();
            Tensor embed = checkpoint.tensor(LlamaTensors.EMBED_TOKENS);
            double[][] x = new double[n][hidden];
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < hidden; i++) {
                    x[t][i] = embed.getFloat((long) tokens[t] * hidden + i);
                }
            }
            double[] inverseFrequencies = inverseFrequencies(c);
            for (int l = 0; l < c.numHiddenLayers(); l++) {
                double[][] xn = norm(x, checkpoint.tensor(LlamaTensors.inputNorm(l)), c.rmsNormEps());
                double[][] q = project(xn, checkpoint.tensor(LlamaTensors.qProj(l)));
                double[][] k = project(xn, checkpoint.tensor(LlamaTensors.kProj(l)));
                double[][] v = project(xn, checkpoint.tensor(LlamaTensors.vProj(l)));
                rotate(q, c.numAttentionHeads(), hd, inverseFrequencies);
                rotate(k, c.numKeyValueHeads(), hd, inverseFrequencies);
                if (bf16Cache) {
                    roundToBf16(k);
                    roundToBf16(v);
                }
                double[][] attended = new double[n][c.numAttentionHeads() * hd];
                int group = c.numAttentionHeads() / c.numKeyValueHeads();
                for (int t = 0; t < n; t++) {
                    for (int h = 0; h < c.numAttentionHeads(); h++) {
                        int kv = (h / group) * hd;
                        double[] scores = new double[t + 1];
                        double max = Double.NEGATIVE_INFINITY;
                        for (int s = 0; s <= t; s++) {
                            double dot = 0;
                            for (int d = 0; d < hd; d++) {
                                dot += q[t][h * hd + d] * k[s][kv + d];
                            }
                            scores[s] = dot / Math.sqrt(hd);
                            max = Math.max(max, scores[s]);
                        }
                        double sum = 0;
                        for (int s = 0; s <= t; s++) {
                            scores[s] = Math.exp(scores[s] - max);
                            sum += scores[s];
                        }
                        for (int s = 0; s <= t; s++) {
                            for (int d = 0; d < hd; d++) {
                                attended[t][h * hd + d] += scores[s] / sum * v[s][kv + d];
                            }
                        }
                    }
                }
                addInto(x, project(attended, checkpoint.tensor(LlamaTensors.oProj(l))));
                double[][] xn2 = norm(x, checkpoint.tensor(LlamaTensors.postAttentionNorm(l)), c.rmsNormEps());
                double[][] gate = project(xn2, checkpoint.tensor(LlamaTensors.gateProj(l)));
                double[][] up = project(xn2, checkpoint.tensor(LlamaTensors.upProj(l)));
                for (int t = 0; t < n; t++) {
                    for (int i = 0; i < gate[t].length; i++) {
                        double g = gate[t][i];
                        gate[t][i] = g / (1 + Math.exp(-g)) * up[t][i];
                    }
                }
                addInto(x, project(gate, checkpoint.tensor(LlamaTensors.downProj(l))));
            }
            double[][] last = norm(new double[][] {x[n - 1]}, checkpoint.tensor(LlamaTensors.FINAL_NORM),
                    c.rmsNormEps());
            Tensor head = c.tieWordEmbeddings() ? embed : checkpoint.tensor(LlamaTensors.LM_HEAD);
            return project(last, head)[0];
        }

        private static double[] inverseFrequencies(ModelConfig c) {
            int half = c.headDim() / 2;
            double[] inv = new double[half];
            for (int i = 0; i < half; i++) {
                inv[i] = Math.pow(c.ropeTheta(), -2.0 * i / c.headDim());
                RopeScaling s = c.ropeScaling();
                if (s != null) {
                    double wavelength = 2 * Math.PI / inv[i];
                    double lowWavelength = s.originalMaxPositionEmbeddings() / s.lowFreqFactor();
                    double highWavelength = s.originalMaxPositionEmbeddings() / s.highFreqFactor();
                    if (wavelength > lowWavelength) {
                        inv[i] = inv[i] / s.factor();
                    } else if (wavelength >= highWavelength) {
                        double t = (s.originalMaxPositionEmbeddings() / wavelength - s.lowFreqFactor())
                                / (s.highFreqFactor() - s.lowFreqFactor());
                        inv[i] = (1 - t) * inv[i] / s.factor() + t * inv[i];
                    }
                }
            }
            return inv;
        }

        private static void rotate(double[][] x, int heads, int hd, double[] inv) {
            for (int t = 0; t < x.length; t++) {
                for (int h = 0; h < heads; h++) {
                    for (int i = 0; i < hd / 2; i++) {
                        double cos = Math.cos(t * inv[i]);
                        double sin = Math.sin(t * inv[i]);
                        double a = x[t][h * hd + i];
                        double b = x[t][h * hd + hd / 2 + i];
                        x[t][h * hd + i] = a * cos - b * sin;
                        x[t][h * hd + hd / 2 + i] = b * cos + a * sin;
                    }
                }
            }
        }

        private static double[][] norm(double[][] x, Tensor weight, double eps) {
            double[][] out = new double[x.length][];
            for (int t = 0; t < x.length; t++) {
                double ss = 0;
                for (double v : x[t]) {
                    ss += v * v;
                }
                double scale = 1 / Math.sqrt(ss / x[t].length + eps);
                out[t] = new double[x[t].length];
                for (int i = 0; i < x[t].length; i++) {
                    out[t][i] = x[t][i] * scale * weight.getFloat(i);
                }
            }
            return out;
        }

        private static double[][] project(double[][] x, Tensor w) {
            int outs = (int) w.dim(0);
            int ins = (int) w.dim(1);
            double[][] out = new double[x.length][outs];
            for (int t = 0; t < x.length; t++) {
                for (int o = 0; o < outs; o++) {
                    double sum = 0;
                    for (int i = 0; i < ins; i++) {
                        sum += x[t][i] * w.getFloat((long) o * ins + i);
                    }
                    out[t][o] = sum;
                }
            }
            return out;
        }

        private static void addInto(double[][] x, double[][] y) {
            for (int t = 0; t < x.length; t++) {
                for (int i = 0; i < x[t].length; i++) {
                    x[t][i] += y[t][i];
                }
            }
        }

        private static void roundToBf16(double[][] x) {
            for (double[] row : x) {
                for (int i = 0; i < row.length; i++) {
                    int bits = Float.floatToRawIntBits((float) row[i]);
                    int rounded = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000;
                    row[i] = Float.intBitsToFloat(rounded);
                }
            }
        }
    }
}
