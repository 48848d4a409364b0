package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SSIM, MS-SSIM, PSNR and MSE: properties of the definitions (symmetry, identical images, scale
 * invariance, batch independence), option validation and the size rule, and agreement with an
 * independent NumPy/SciPy reading of torchmetrics (full 2-D windows, {@code ssim_numpy.py}) over
 * options the reference vectors do not cover: other windows, betas, normalisations, gray, odd sizes,
 * [−1, 1] data. The reference vectors themselves are checked in {@code src-test}.
 */
class PixelMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pair of images of c×h×w: random levels 0..255 and a noisy copy. */
    static double[][] pair(long seed, int c, int h, int w, double scale, double offset) {
        Random r = new Random(seed);
        double[] a = new double[c * h * w];
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            int v = r.nextInt(256);
            // smooth structure plus noise so that SSIM is far from 0 and 1
            double s = 128 + 100 * Math.sin(i % w / 5.0) * Math.cos(i / w / 7.0);
            a[i] = Math.round(0.5 * s + 0.5 * v);
            b[i] = Math.min(255, Math.max(0, a[i] + r.nextInt(61) - 30));
            a[i] = a[i] / 255 * scale + offset;
            b[i] = b[i] / 255 * scale + offset;
        }
        return new double[][] {a, b};
    }

    static Stream<PixelMetric> metrics() {
        return Stream.of(Ssim.of(255), Ssim.of(Ssim.Options.defaults(255).withUniformWindow(7)),
                MsSsim.of(255), MsSsim.of(MsSsim.Options.defaults(255).withNormalize(MsSsim.Normalize.NONE)),
                Psnr.of(255), Mse.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void symmetricAndIdenticalImagesAreTheBestValue(PixelMetric m) {
        double[][] p = pair(1, 3, 180, 190, 255, 0);
        double ab = m.compute(p[0], p[1], 3, 180, 190);
        double ba = m.compute(p[1], p[0], 3, 180, 190);
        assertThat(ab).isCloseTo(ba, within(1e-14 * Math.abs(ab)));
        double same = m.compute(p[0], p[0].clone(), 3, 180, 190);
        switch (m.name()) {
            case Ssim.NAME, MsSsim.NAME -> {
                assertThat(same).isCloseTo(1.0, within(1e-12));
                assertThat(ab).isBetween(0.1, 0.99);
                assertThat(m.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
            }
            case Psnr.NAME -> {
                assertThat(same).isEqualTo(Double.POSITIVE_INFINITY);
                assertThat(ab).isBetween(10.0, 60.0);
                assertThat(m.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
            }
            default -> {
                assertThat(same).isZero();
                assertThat(ab).isPositive();
                assertThat(m.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
            }
        }
    }

    @Test
    void ssimAndPsnrAreInvariantToScalingImagesAndDataRangeTogether() {
        double[][] p = pair(2, 3, 40, 50, 255, 0);
        double[][] q = pair(2, 3, 40, 50, 1, 0);
        assertThat(Ssim.of(1).compute(q[0], q[1], 3, 40, 50)).isCloseTo(Ssim.of(255).compute(p[0], p[1], 3, 40, 50),
                within(1e-12));
        // up to torchmetrics' float32 ln L (ln 1 = 0 is exact, ln 255 is rounded)
        assertThat(Psnr.of(1).compute(q[0], q[1], 3, 40, 50)).isCloseTo(Psnr.of(255).compute(p[0], p[1], 3, 40, 50),
                within(1e-6));
        // SSIM is not shift invariant: [−1, 1] with L = 2 differs from [0, 1] with L = 1
        double[][] s = pair(2, 3, 40, 50, 2, -1);
        assertThat(Ssim.of(2).compute(s[0], s[1], 3, 40, 50)).isNotCloseTo(Ssim.of(1).compute(q[0], q[1], 3, 40, 50),
                within(1e-6));
    }

    @Test
    void psnrIsTenLog10OfPeakOverMse() {
        double[][] p = pair(3, 1, 30, 30, 255, 0);
        double mse = Mse.of().compute(p[0], p[1], 1, 30, 30);
        double direct = 0;
        for (int i = 0; i < p[0].length; i++) {
            direct += (p[0][i] - p[1][i]) * (p[0][i] - p[1][i]);
        }
        assertThat(mse).isCloseTo(direct / p[0].length, within(1e-12 * mse));
        // torchmetrics' float32 constants move PSNR by ~3e-8 relative from the float64 formula
        assertThat(Psnr.of(255).compute(p[0], p[1], 1, 30, 30)).isCloseTo(10 * Math.log10(255.0 * 255 / mse),
                within(1e-6));
    }

    @Test
    void grayEqualsThatGrayReplicatedToRgb() {
        double[][] p = pair(4, 1, 200, 180, 255, 0);
        double[] a3 = new double[3 * p[0].length];
        double[] b3 = new double[3 * p[0].length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(p[0], 0, a3, c * p[0].length, p[0].length);
            System.arraycopy(p[1], 0, b3, c * p[1].length, p[1].length);
        }
        for (PixelMetric m : metrics().toList()) {
            assertThat(m.compute(a3, b3, 3, 200, 180)).as(m.toString())
                    .isCloseTo(m.compute(p[0], p[1], 1, 200, 180), within(1e-12));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metrics")
    void aBatchGivesEachPairItsOwnValueWhateverTheBatch(PixelMetric m) {
        int n = 4;
        int per = 3 * 176 * 177;
        double[] a = new double[n * per];
        double[] b = new double[n * per];
        double[] single = new double[n];
        for (int k = 0; k < n; k++) {
            double[][] p = pair(10 + k, 3, 176, 177, 255, 0);
            System.arraycopy(p[0], 0, a, k * per, per);
            System.arraycopy(p[1], 0, b, k * per, per);
            single[k] = m.compute(p[0], p[1], 3, 176, 177);
        }
        INDArray ia = Nd4j.create(a, new long[] {n, 3, 176, 177}, 'c');
        INDArray ib = Nd4j.create(b, new long[] {n, 3, 176, 177}, 'c');
        assertThat(m.compute(ia, ib)).containsExactly(single);
        INDArray reversedA = Nd4j.concat(0, ia.slice(3).reshape(1, 3, 176, 177), ia.slice(2).reshape(1, 3, 176, 177));
        INDArray reversedB = Nd4j.concat(0, ib.slice(3).reshape(1, 3, 176, 177), ib.slice(2).reshape(1, 3, 176, 177));
        assertThat(m.compute(reversedA, reversedB)).containsExactly(single[3], single[2]);
        assertThatThrownBy(() -> m.compute(ia, reversedB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image k of A with image k of B");
    }

    @Test
    void msSsimRefusesImagesBelowTorchmetricsMinimumAndSaysWhatFits() {
        MsSsim m = MsSsim.of(255);
        assertThat(m.minimumSize()).isEqualTo(176);
        double[][] ok = pair(5, 1, 176, 176, 255, 0);
        assertThat(m.compute(ok[0], ok[1], 1, 176, 176)).isBetween(0.0, 1.0);
        double[][] small = pair(5, 1, 175, 300, 255, 0);
        assertThatThrownBy(() -> m.compute(small[0], small[1], 1, 175, 300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 176×176 pixels").hasMessageContaining("got 175×300")
                .hasMessageContaining("4 scales fit");
        MsSsim three = MsSsim.of(MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856, 0.3001));
        assertThat(three.minimumSize()).isEqualTo(44);
        MsSsim mnist = MsSsim.of(MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856, 0.3001)
                .withSsim(Ssim.Options.defaults(255).withKernelSize(7)));
        assertThat(mnist.minimumSize()).isEqualTo(28);
        double[][] tiny = pair(6, 1, 10, 10, 255, 0);
        assertThatThrownBy(() -> m.compute(tiny[0], tiny[1], 1, 10, 10)).hasMessageContaining("no number of scales fits");
        assertThat(Ssim.of(255).minimumSize()).isEqualTo(6);
        double[][] five = pair(6, 1, 5, 9, 255, 0);
        assertThatThrownBy(() -> Ssim.of(255).compute(five[0], five[1], 1, 5, 9))
                .hasMessageContaining("at least 6×6 pixels, got 5×9");
    }

    @Test
    void optionsAreValidatedWithWhatWasFound() {
        assertThatThrownBy(() -> Ssim.of(0)).hasMessageContaining("data range > 0").hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> Psnr.of(Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> Ssim.Options.defaults(1).withUniformWindow(4)).hasMessageContaining("odd and positive")
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> Ssim.Options.defaults(1).withGaussianWindow(-1)).hasMessageContaining("sigma must be > 0");
        assertThatThrownBy(() -> Ssim.Options.defaults(1).withConstants(-0.1, 0.03)).hasMessageContaining("k1=-0.1");
        assertThatThrownBy(() -> MsSsim.Options.defaults(1).withBetas()).hasMessageContaining("1 to 10 betas")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> MsSsim.Options.defaults(1).withBetas(0.5, Double.POSITIVE_INFINITY))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> MsSsim.Options.defaults(1).withSsim(Ssim.Options.defaults(1).withUniformWindow(1)))
                .hasMessageContaining("at least 3 pixels");
        assertThatThrownBy(() -> MsSsim.Normalize.of("clip")).hasMessageContaining("none, relu or simple, got 'clip'");
        assertThatThrownBy(() -> Ssim.of(1).compute(new double[10], new double[10], 1, 4, 4))
                .hasMessageContaining("1×4×4 = 16 values, got 10 and 10");
        double[] betas = {0.1, 0.9};
        MsSsim.Options o = MsSsim.Options.defaults(1).withBetas(betas);
        betas[0] = 7;
        assertThat(o.betas()).containsExactly(0.1, 0.9);
        assertThat(MsSsim.Options.defaults(1).normalize()).as("torchmetrics' default").isEqualTo(MsSsim.Normalize.RELU);
        assertThat(Ssim.Options.defaults(255).windowSize()).isEqualTo(11);
        assertThat(Ssim.Options.defaults(255).withGaussianWindow(0.7).windowSize()).isEqualTo(5);
    }

    /** A case of ssim_numpy.py: (name, metric, data range, window, constants, betas, normalize). */
    private static ObjectNode reference(String name, String metric, double l, boolean gaussian, double sigma, int k,
                                        double[] betas, String normalize) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("metric", metric);
        o.put("data_range", l);
        o.put("gaussian", gaussian);
        o.put("sigma", sigma);
        o.put("kernel_size", k);
        o.put("k1", name.contains("k1") ? 0.02 : 0.01);
        o.put("k2", name.contains("k1") ? 0.05 : 0.03);
        ArrayNode b = o.putArray("betas");
        for (double v : betas) {
            b.add(v);
        }
        if (normalize == null) {
            o.putNull("normalize");
        } else {
            o.put("normalize", normalize);
        }
        return o;
    }

    private static PixelMetric metricOf(JsonNode c) {
        Ssim.Options s = new Ssim.Options(c.get("data_range").asDouble(), c.get("gaussian").asBoolean(),
                c.get("sigma").asDouble(), c.get("kernel_size").asInt(), c.get("k1").asDouble(), c.get("k2").asDouble());
        double[] betas = new double[c.get("betas").size()];
        for (int i = 0; i < betas.length; i++) {
            betas[i] = c.get("betas").get(i).asDouble();
        }
        return switch (c.get("metric").asText()) {
            case "ssim" -> Ssim.of(s);
            case "psnr" -> Psnr.of(s.dataRange());
            default -> MsSsim.of(new MsSsim.Options(s, betas, c.get("normalize").isNull() ? MsSsim.Normalize.NONE
                    : MsSsim.Normalize.of(c.get("normalize").asText())));
        };
    }

    static Stream<Arguments> shapes() {
        double[] five = MsSsim.DEFAULT_BETAS;
        double[] three = {0.2, 0.3, 0.5};
        double[] mnist = {0.0448, 0.2856, 0.3001};
        return Stream.of(
                Arguments.of("rgb 45×77 on 0..255", 3, 45, 77, 255.0, 0.0, List.of(
                        reference("ssim", "ssim", 255, true, 1.5, 11, five, null),
                        reference("ssim-sigma0.7", "ssim", 255, true, 0.7, 11, five, null),
                        reference("ssim-uniform3", "ssim", 255, false, 1.5, 3, five, null),
                        reference("ssim-k1k2", "ssim", 255, true, 1.5, 11, five, null),
                        reference("ms-3-uniform5-none", "ms_ssim", 255, false, 1.5, 5, three, null),
                        reference("psnr", "psnr", 255, true, 1.5, 11, five, null))),
                Arguments.of("rgb 64×64 on [-1, 1]", 3, 64, 64, 2.0, -1.0, List.of(
                        reference("ssim", "ssim", 2, true, 1.5, 11, five, null),
                        reference("ms-3-k7-relu", "ms_ssim", 2, true, 1.5, 7, three, "relu"),
                        reference("ms-3-k7-simple", "ms_ssim", 2, true, 1.5, 7, three, "simple"),
                        reference("psnr-1.7", "psnr", 1.7, true, 1.5, 11, five, null))),
                Arguments.of("gray 200×190", 1, 200, 190, 255.0, 0.0, List.of(
                        reference("ms-none", "ms_ssim", 255, true, 1.5, 11, five, null),
                        reference("ms-simple", "ms_ssim", 255, true, 1.5, 11, five, "simple"),
                        reference("ms-sigma2.5", "ms_ssim", 255, true, 2.5, 11, five, "relu"))),
                Arguments.of("gray 28×28 (MNIST)", 1, 28, 28, 255.0, 0.0, List.of(
                        reference("ms-mnist", "ms_ssim", 255, true, 1.5, 7, mnist, "relu"),
                        reference("ssim-uniform7", "ssim", 255, false, 1.5, 7, five, null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void agreesWithAnIndependentNumpyReading(String title, int c, int h, int w, double scale, double offset,
                                             List<ObjectNode> cases, @TempDir Path dir) throws Exception {
        int n = 2;
        int per = c * h * w;
        double[] a = new double[n * per];
        double[] b = new double[n * per];
        for (int k = 0; k < n; k++) {
            double[][] p = pair(100 + k, c, h, w, scale, offset);
            System.arraycopy(p[0], 0, a, k * per, per);
            System.arraycopy(p[1], 0, b, k * per, per);
        }
        // pair 1: B is A negated around the middle of the scale, so coarse scales anti-correlate
        for (int i = per; i < 2 * per; i++) {
            b[i] = 2 * offset + scale - a[i];
        }
        Path fa = dir.resolve("a.npy");
        Path fb = dir.resolve("b.npy");
        Npy.write(NpyArray.ofDoubles(a, n, c, h, w), fa);
        Npy.write(NpyArray.ofDoubles(b, n, c, h, w), fb);
        Path fc = dir.resolve("cases.json");
        Files.writeString(fc, JSON.writeValueAsString(cases));
        JsonNode ref = JSON.readTree(Python.check(Files.readString(script()), fa.toString(), fb.toString(), fc.toString()));
        List<String> checked = new ArrayList<>();
        for (ObjectNode cs : cases) {
            PixelMetric m = metricOf(cs);
            for (int k = 0; k < n; k++) {
                double v = m.compute(Arrays.copyOfRange(a, k * per, (k + 1) * per), Arrays.copyOfRange(b, k * per,
                        (k + 1) * per), c, h, w);
                double e = ref.get(cs.get("name").asText()).get(k).asDouble();
                assertThat(v).as("%s pair %d", cs.get("name").asText(), k).isCloseTo(e, within(1e-10 * Math.max(1,
                        Math.abs(e))));
            }
            checked.add(cs.get("name").asText());
        }
        assertThat(checked).hasSameSizeAs(cases);
    }

    static Path script() {
        return Path.of("src/test/resources/org/ganeval4j/metric/ssim_numpy.py");
    }
}
