package org.ganeval4j.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.ganeval4j.preprocess.internal.Fma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Properties of the resize modes that need no reference files: ids, identity, channel independence, and agreement
 * with straightforward (non-separable, double precision) evaluations of each library's formula on odd, non-square
 * sizes, up and down.
 */
class ResizeModeTest {
    @Test
    void idsAreStableAndRoundTrip() {
        assertThat(ResizeMode.ids()).containsExactly("pytorch", "tf1", "clean", "antialias");
        for (ResizeMode m : ResizeMode.values()) {
            assertThat(ResizeMode.fromId(m.id())).isSameAs(m);
        }
        assertThat(ResizeMode.fromId(" TF1 ")).isSameAs(ResizeMode.TF1);
    }

    @Test
    void unknownIdListsTheValidOnes() {
        assertThatThrownBy(() -> ResizeMode.fromId("bicubic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bicubic'")
                .hasMessageContaining("[pytorch, tf1, clean, antialias]");
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void unchangedSizeIsTheExactIdentity(ResizeMode mode) {
        float[] img = randomImage(new Random(1), 3 * 29 * 17, mode.domainMax());
        FloatArrays.assertBitwiseEqual(mode.resize(img, 3, 29, 17, 29, 17), img, "values");
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void channelsAreResizedIndependently(ResizeMode mode) {
        Random rnd = new Random(2);
        int h = 13;
        int w = 21;
        float[] img = randomImage(rnd, 3 * h * w, mode.domainMax());
        float[] all = mode.resize(img, 3, h, w, 40, 9);
        for (int c = 0; c < 3; c++) {
            float[] plane = java.util.Arrays.copyOfRange(img, c * h * w, (c + 1) * h * w);
            float[] one = mode.resizePlane(plane, h, w, 40, 9);
            FloatArrays.assertBitwiseEqual(java.util.Arrays.copyOfRange(all, c * 360, (c + 1) * 360), one, "values");
        }
    }

    @ParameterizedTest
    @EnumSource(ResizeMode.class)
    void constantImagesStayConstant(ResizeMode mode) {
        float v = mode.domainMax() == 1f ? 0.5f : 100f;
        float[] img = new float[37 * 23];
        java.util.Arrays.fill(img, v);
        for (float got : mode.resizePlane(img, 37, 23, 11, 71)) {
            assertThat(got).isCloseTo(v, org.assertj.core.data.Offset.offset(v * 1e-6f));
        }
    }

    @Test
    void wrongLengthAndSizesAreRejected() {
        assertThatThrownBy(() -> ResizeMode.PYTORCH.resize(new float[10], 3, 2, 2, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 12 values").hasMessageContaining("found 10");
        assertThatThrownBy(() -> ResizeMode.TF1.resizePlane(new float[4], 2, 2, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
    }

    @ParameterizedTest(name = "{0}: {1}x{2} -> {3}x{4}")
    @CsvSource({"PYTORCH,17,23,299,299", "PYTORCH,300,211,64,97", "PYTORCH,1,5,7,3",
                "TF1,17,23,299,299", "TF1,300,211,64,97", "TF1,1,5,7,3",
                "CLEAN,17,23,299,299", "CLEAN,300,211,64,97", "CLEAN,1,5,7,3", "CLEAN,45,45,44,46",
                "ANTIALIAS,17,23,299,299", "ANTIALIAS,300,211,64,97", "ANTIALIAS,1,5,7,3", "ANTIALIAS,45,45,44,46"})
    void agreesWithADirectDoublePrecisionEvaluation(ResizeMode mode, int h, int w, int oh, int ow) {
        float[] img = randomImage(new Random(h * 31 + w), h * w, mode.domainMax());
        float[] got = mode.resizePlane(img, h, w, oh, ow);
        double[][] ry = weights(mode, h, oh);
        double[][] rx = weights(mode, w, ow);
        double maxAbs = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < h; i++) {
                    if (ry[y][i] == 0) {
                        continue;
                    }
                    for (int j = 0; j < w; j++) {
                        s += ry[y][i] * rx[x][j] * img[i * w + j];
                    }
                }
                if (mode == ResizeMode.CLEAN) {
                    s = Math.min(Math.max(s, 0), 255);
                }
                maxAbs = Math.max(maxAbs, Math.abs(s - got[y * ow + x]));
            }
        }
        // float32 arithmetic vs double: a few ulps of the domain's largest value
        assertThat(maxAbs).isLessThan(4e-6 * mode.domainMax());
    }

    /**
     * Dense (out x in) interpolation matrix of one axis from each library's definition, in double except for the
     * scale, which PyTorch and torch-fidelity round to float32 (it moves sampling positions by up to 1e-5 pixels).
     */
    private static double[][] weights(ResizeMode mode, int in, int out) {
        double[][] m = new double[out][in];
        double scale = switch (mode) {
            case PYTORCH, ANTIALIAS -> (float) in / (float) out;
            case TF1 -> (float) ((double) in / out);
            case CLEAN -> (double) in / out;
        };
        for (int o = 0; o < out; o++) {
            switch (mode) {
                case PYTORCH, TF1 -> {
                    double src = mode == ResizeMode.PYTORCH ? Math.max((o + 0.5) * scale - 0.5, 0) : (float) (o * scale);
                    int i0 = Math.min((int) src, in - 1);
                    int i1 = Math.min(i0 + 1, in - 1);
                    double f = Math.min(src - i0, 1);
                    m[o][i0] += 1 - f;
                    m[o][i1] += f;
                }
                case CLEAN, ANTIALIAS -> {
                    double fs = Math.max(scale, 1);
                    double support = (mode == ResizeMode.CLEAN ? 2 : 1) * fs;
                    double center = (o + 0.5) * scale;
                    int lo = Math.max((int) (center - support + 0.5), 0);
                    int hi = Math.min((int) (center + support + 0.5), in);
                    double sum = 0;
                    for (int i = lo; i < hi; i++) {
                        double x = Math.abs((i - center + 0.5) / fs);
                        double k = mode == ResizeMode.CLEAN ? cubic(x) : Math.max(0, 1 - x);
                        m[o][i] = k;
                        sum += k;
                    }
                    for (int i = lo; i < hi; i++) {
                        m[o][i] /= sum;
                    }
                }
                default -> throw new AssertionError(mode);
            }
        }
        return m;
    }

    private static double cubic(double x) {
        double a = -0.5;
        if (x < 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        return x < 2 ? (((x - 5) * x + 8) * x - 4) * a : 0;
    }

    @Test
    void fmaEmulationIsCorrectlyRounded() {
        Random rnd = new Random(3);
        for (int i = 0; i < 2_000_000; i++) {
            float a = rnd.nextFloat() * 2 - 1;
            float b = Float.intBitsToFloat(rnd.nextInt() & 0x7fffffff);
            float c = rnd.nextInt(4) == 0 ? -a * b : (float) rnd.nextGaussian() * (i % 7 == 0 ? 1e-30f : 3f);
            if (!Float.isFinite(b) || !Float.isFinite(a * b)) {
                continue;
            }
            assertThat(Fma.emulated(a, b, c)).as("fma(%s, %s, %s)", a, b, c).isEqualTo(Math.fma(a, b, c));
        }
        // bilinear-like operands, where ties between floats occur
        for (int k = 0; k < 256; k++) {
            for (int t = 0; t < 64; t++) {
                float x = k / 255f;
                float l = t / 64f + 1f / 3f;
                float y = (255 - k) / 255f * (1f - l);
                assertThat(Fma.emulated(x, l, y)).isEqualTo(Math.fma(x, l, y));
            }
        }
    }

    static float[] randomImage(Random rnd, int n, float max) {
        float[] img = new float[n];
        for (int i = 0; i < n; i++) {
            img[i] = max == 1f ? rnd.nextInt(256) / 255f : rnd.nextInt(256);
        }
        return img;
    }
}
