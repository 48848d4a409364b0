package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LPIPS against {@code lpips_numpy.py}, a float64 numpy re-implementation of the lpips package
 * (convolutions, ReLU, floor/ceil max pools written out, no torch): VGG16 on seeded random trunk
 * weights (no VGG weights are available offline) with the real lpips VGG heads; AlexNet and
 * SqueezeNet with the real weights on sizes where SqueezeNet's ceil-mode pools see even inputs
 * (which the reference pairs never produce); v0.0; and the trunk file layouts.
 */
class LpipsIndependentTest {
    @TempDir
    Path dir;

    private String script() throws IOException {
        return Files.readString(LpipsReferenceTest.script());
    }

    /** Row {@code from..from+n} of a reference pair file, cropped to {@code h × w} at (y, x). */
    private Path crop(int side, int n, int y, int x, int h, int w) throws IOException {
        NpyArray a = Npy.read(TestData.testdata("lpips/pairs_256x256_in" + side + ".npy"));
        byte[] all = a.toByteArray();
        byte[] out = new byte[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int r = 0; r < h; r++) {
                    System.arraycopy(all, ((i * 3 + c) * 256 + y + r) * 256 + x, out, ((i * 3 + c) * h + r) * w, w);
                }
            }
        }
        Path p = dir.resolve("crop" + side + "_" + h + "x" + w + ".npy");
        Npy.write(NpyArray.ofUint8(out, n, 3, h, w), p);
        return p;
    }

    private static INDArray load(Path npy) throws IOException {
        NpyArray a = Npy.read(npy);
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    private JsonNode numpy(LpipsNet net, Path trunk, Path head, String version, Path a, Path b) throws Exception {
        String out = Python.check(script(), "lpips", net.id(), trunk.toString(), head.toString(), version, a.toString(),
                b.toString());
        return new ObjectMapper().readTree(out);
    }

    /** Within {@code 1e-8 + 1e-4·|ref|}: relative, as values on random weights are small. */
    private static void assertMatches(LpipsResult r, JsonNode ref) {
        assertThat(r.size()).isEqualTo(ref.get("values").size());
        double worst = 0;
        for (int i = 0; i < r.size(); i++) {
            double v = ref.get("values").get(i).asDouble();
            worst = Math.max(worst, Math.abs(r.distance(i) - v) / Math.abs(v));
            assertThat(r.distance(i)).as("pair %d", i).isCloseTo(v, within(1e-8 + 1e-4 * Math.abs(v)));
            for (int l = 0; l < r.layerNames().size(); l++) {
                double t = ref.get("layers").get(i).get(l).asDouble();
                assertThat(r.layers(i)[l]).as("pair %d layer %s", i, r.layerNames().get(l))
                        .isCloseTo(t, within(1e-8 + 1e-4 * Math.abs(t)));
            }
        }
        System.out.printf("%s: max relative error of the distances vs numpy float64 %.2g%n", r.layerNames(), worst);
    }

    @ParameterizedTest(name = "vgg v{0}")
    @CsvSource({"0.1", "0.0"})
    void vggOnRandomTrunkWeights(String version) throws Exception {
        Path trunk = dir.resolve("vgg16-random.pth");
        Python.check(script(), "write-random", "vgg", "20240501", trunk.toString());
        Path head = TestData.asset("weights/lpips/v" + version + "/vgg.pth");
        Path a = crop(0, 3, 40, 17, 40, 56);
        Path b = crop(1, 3, 40, 17, 40, 56);
        try (Lpips lpips = Lpips.builder(LpipsNet.VGG).version(version).trunkWeights(trunk).headWeights(head).build()) {
            assertThat(lpips.layerNames()).containsExactly("relu1_2", "relu2_2", "relu3_3", "relu4_3", "relu5_3");
            assertThat(lpips.headsNonNegative()).isTrue();
            LpipsResult r = lpips.compare(load(a), load(b), false);
            JsonNode ref = numpy(LpipsNet.VGG, trunk, head, version, a, b);
            assertMatches(r, ref);
            assertThat(java.util.Arrays.stream(r.distances()).min().getAsDouble()).isGreaterThan(1e-4);
        }
    }

    @ParameterizedTest(name = "{0} v{1} {2}x{3}")
    @CsvSource({"squeeze, 0.1, 66, 70", "squeeze, 0.1, 35, 50", "squeeze, 0.0, 66, 70", "alex, 0.1, 66, 70",
            "alex, 0.0, 71, 33", "squeeze, 0.1, 17, 17", "squeeze, 0.1, 20, 24", "alex, 0.1, 31, 31"})
    void realTrunksOnOtherSizes(String netId, String version, int h, int w) throws Exception {
        LpipsNet net = LpipsNet.of(netId);
        Path trunk = TestData.asset(net == LpipsNet.ALEX ? "weights/alexnet-features.pth"
                : "weights/squeezenet1_1-features.pth");
        Path head = TestData.asset("weights/lpips/v" + version + "/" + net.id() + ".pth");
        Path a = crop(0, 2, 11, 29, h, w);
        Path b = crop(1, 2, 11, 29, h, w);
        try (Lpips lpips = Lpips.builder(net).version(version).trunkWeights(trunk).headWeights(head).build()) {
            LpipsResult r = lpips.compare(load(a), load(b), false);
            JsonNode ref = numpy(net, trunk, head, version, a, b);
            for (int l = 0; l < r.layerNames().size(); l++) {
                int[] shape = net.tapShapes(h, w)[l];
                JsonNode s = ref.get("shapes").get(l);
                assertThat(shape).containsExactly(s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt());
            }
            assertMatches(r, ref);
        }
    }

    @Test
    void v00HeadsLoadAndGiveFiniteValuesDifferentFromV01() throws Exception {
        INDArray a = LpipsReferenceTest.images("64x64", 0);
        INDArray b = LpipsReferenceTest.images("64x64", 1);
        for (LpipsNet net : new LpipsNet[] {LpipsNet.ALEX, LpipsNet.SQUEEZE}) {
            double[] v01 = LpipsReferenceTest.result(net, "64x64").distances();
            try (Lpips old = Lpips.builder(net).version("0.0")
                    .trunkWeights(TestData.asset(net == LpipsNet.ALEX ? "weights/alexnet-features.pth"
                            : "weights/squeezenet1_1-features.pth"))
                    .headWeights(TestData.asset("weights/lpips/v0.0/" + net.id() + ".pth")).build()) {
                assertThat(old.headsNonNegative()).isTrue();
                double[] v00 = old.distance(a, b);
                for (int i = 0; i < v00.length; i++) {
                    assertThat(v00[i]).isFinite().isGreaterThanOrEqualTo(0);
                    if (v01[i] == 0) {
                        assertThat(v00[i]).isEqualTo(0.0);
                    } else {
                        assertThat(v00[i]).isNotCloseTo(v01[i], within(1e-4));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"noprefix", "full", "legacy"})
    void trunkFileLayoutsLoadTheSameWeights(String layout) throws Exception {
        Path original = TestData.asset("weights/squeezenet1_1-features.pth");
        Path other = dir.resolve("squeeze-" + layout + ".pth");
        Python.check(script(), "rewrite", original.toString(), other.toString(), layout);
        Path head = TestData.asset("weights/lpips/v0.1/squeeze.pth");
        INDArray a = LpipsReferenceTest.images("32x32", 0);
        INDArray b = LpipsReferenceTest.images("32x32", 1);
        try (Lpips x = Lpips.builder(LpipsNet.SQUEEZE).trunkWeights(original).headWeights(head).build();
             Lpips y = Lpips.builder(LpipsNet.SQUEEZE).trunkWeights(other).headWeights(head).build()) {
            assertThat(y.trunkSha256()).isEqualTo(x.trunkSha256());
            assertThat(y.distance(a, b)).containsExactly(x.distance(a, b));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"v0.1, alex", "v0.1, squeeze", "v0.1, vgg", "v0.0, alex", "v0.0, squeeze", "v0.0, vgg"})
    void everyPublishedHeadIsNonNegative(String version, String net) throws Exception {
        float[][] heads = Lpips.readHeads(TestData.asset("weights/lpips/" + version + "/" + net + ".pth"), LpipsNet.of(net));
        for (float[] h : heads) {
            for (float v : h) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
        }
    }

    @Test
    void weightsThatDoNotFitAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Lpips.builder(LpipsNet.ALEX)
                .trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/vgg.pth")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lin1.model.1.weight has shape [1, 128, 1, 1], expected [1, 192, 1, 1]");
        assertThatThrownBy(() -> Lpips.builder(LpipsNet.SQUEEZE)
                .trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/squeeze.pth")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a torchvision squeezenet1_1 features state dict")
                .hasMessageContaining("missing 3.squeeze.weight [16, 64, 1, 1]");
        assertThatThrownBy(() -> Lpips.builder(LpipsNet.ALEX).version("0.2").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.1 or 0.0, got '0.2'");
    }

    @Test
    void badImagesAreRefused() throws Exception {
        Lpips alex = LpipsReferenceTest.model(LpipsNet.ALEX);
        assertThatThrownBy(() -> alex.distance(Nd4j.zeros(1, 3, 16, 16), Nd4j.zeros(1, 3, 16, 16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LPIPS-alex needs images of at least 31×31 pixels, got 16×16");
        // torch's ceil-mode pools accept windows larger than the input: 17×17 runs (8→4→2→1), 16×16 does not
        assertThat(LpipsNet.SQUEEZE.minImageSize()).isEqualTo(17);
        assertThat(LpipsNet.ALEX.minImageSize()).isEqualTo(31);
        assertThatThrownBy(() -> alex.distance(Nd4j.zeros(2, 3, 32, 32), Nd4j.zeros(2, 3, 32, 40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3, 32, 32] and [2, 3, 32, 40]");
        assertThatThrownBy(() -> alex.distance(Nd4j.zeros(1, 3, 32, 32).subi(1), Nd4j.zeros(1, 3, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255 scale, found -1.0");
        assertThatThrownBy(() -> alex.distance(Nd4j.zeros(1, 2, 32, 32), Nd4j.zeros(1, 2, 32, 32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, 1 or 3, H, W]");
    }

    @Test
    void grayImagesAreReplicatedToRgb() throws Exception {
        Lpips alex = LpipsReferenceTest.model(LpipsNet.ALEX);
        INDArray a = LpipsReferenceTest.images("32x32", 0).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup();
        INDArray b = LpipsReferenceTest.images("32x32", 1).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)).dup();
        double[] gray = alex.distance(a, b);
        double[] rgb = alex.distance(Nd4j.concat(1, a, a, a), Nd4j.concat(1, b, b, b));
        assertThat(gray).containsExactly(rgb);
    }

    @Test
    void theInputFormulaIsLpipsIm2tensor() throws Exception {
        try (Lpips v00 = Lpips.builder(LpipsNet.ALEX).version("0.0")
                .trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.0/alex.pth")).build()) {
            float[] k = new float[256];
            for (int i = 0; i < 256; i++) {
                k[i] = i;
            }
            float[] x = v00.networkInput(Nd4j.create(k, new long[] {1, 1, 16, 16}, 'c')).data().asFloat();
            for (int i = 0; i < 256; i++) {
                assertThat(x[i]).as("k=%d", i).isEqualTo((float) (i / 127.5 - 1));
            }
        }
    }

    @Test
    void spatialMapsAverageToTheLayerTerms() throws Exception {
        Lpips alex = LpipsReferenceTest.model(LpipsNet.ALEX);
        INDArray a = LpipsReferenceTest.images("48x80", 0);
        INDArray b = LpipsReferenceTest.images("48x80", 1);
        LpipsResult r = alex.compare(a, b, true);
        for (int l = 0; l < r.layerNames().size(); l++) {
            INDArray m = r.spatialMaps().get(l);
            int[] shape = LpipsNet.ALEX.tapShapes(48, 80)[l];
            assertThat(m.shape()).containsExactly(a.size(0), 1, shape[1], shape[2]);
            for (int i = 0; i < r.size(); i++) {
                assertThat(m.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).meanNumber().doubleValue())
                        .isCloseTo(r.layers(i)[l], within(1e-6 * (1 + r.layers(i)[l])));
            }
        }
        INDArray full = alex.spatialDistance(a, b);
        assertThat(full.shape()).containsExactly(a.size(0), 1, 48, 80);
        for (int i = 0; i < r.size(); i++) {
            double mean = full.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).meanNumber().doubleValue();
            assertThat(mean).isCloseTo(r.distance(i), within(0.25 * r.distance(i) + 1e-9));
        }
    }
}
