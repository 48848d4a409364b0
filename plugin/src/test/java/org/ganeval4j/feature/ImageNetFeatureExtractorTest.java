package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** FD-SqueezeNet / FD-AlexNet features against the float64 numpy trunks of {@code lpips_numpy.py}. */
class ImageNetFeatureExtractorTest {
    @TempDir
    Path dir;

    private static INDArray load(String name) throws Exception {
        NpyArray a = Npy.read(TestData.testdata(name));
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"squeezenet, squeeze, weights/squeezenet1_1-features.pth, pool_512, 512",
            "alexnet, alex, weights/alexnet-features.pth, pool_256, 256"})
    void matchesAnIndependentFloat64Trunk(String id, String net, String weights, String layer, int dims) throws Exception {
        Path file = TestData.asset(weights);
        try (ImageNetFeatureExtractor x = ImageNetFeatureExtractor.byId(id, file)) {
            ExtractorSpec s = x.spec();
            assertThat(s.extractor()).isEqualTo(id);
            assertThat(s.layer()).isEqualTo(layer);
            assertThat(s.dims()).isEqualTo(dims);
            assertThat(s.resizeMode()).isEqualTo("antialias");
            assertThat(s.weightsSha256()).hasSize(64);
            // 224×224 crops: the resize is the identity, so numpy needs none
            INDArray crops = load("lpips/pairs_256x256_in1.npy").get(NDArrayIndex.interval(0, 3), NDArrayIndex.all(),
                    NDArrayIndex.interval(10, 234), NDArrayIndex.interval(20, 244)).dup('c');
            float[] v = crops.data().asFloat();
            byte[] b = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = (byte) (int) v[i];
            }
            Path npy = dir.resolve("crops.npy");
            Npy.write(NpyArray.ofUint8(b, crops.shape()), npy);
            float[] got = x.extract(crops).data().asFloat();
            JsonNode ref = new ObjectMapper().readTree(Python.check(Files.readString(LpipsReferenceTest.script()),
                    "features", net, file.toString(), npy.toString()));
            double max = 0;
            for (JsonNode row : ref) {
                for (JsonNode e : row) {
                    max = Math.max(max, Math.abs(e.asDouble()));
                }
            }
            for (int i = 0; i < 3; i++) {
                for (int c = 0; c < dims; c++) {
                    assertThat((double) got[i * dims + c]).as("image %d feature %d", i, c)
                            .isCloseTo(ref.get(i).get(c).asDouble(), within(1e-5 * max));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"squeezenet, weights/squeezenet1_1-features.pth", "alexnet, weights/alexnet-features.pth"})
    void grayBatchAndSizeBehave(String id, String weights) throws Exception {
        try (ImageNetFeatureExtractor x = ImageNetFeatureExtractor.byId(id, TestData.asset(weights))) {
            INDArray cifar = load("lpips/pairs_32x32_in0.npy");
            INDArray all = x.extract(cifar);
            assertThat(all.shape()).containsExactly(cifar.size(0), x.spec().dims());
            INDArray one = x.extract(cifar.get(NDArrayIndex.interval(2, 3)));
            for (int c = 0; c < x.spec().dims(); c++) {
                assertThat(one.getDouble(0, c)).isCloseTo(all.getDouble(2, c), within(1e-5 * (1 + Math.abs(all.getDouble(2, c)))));
            }
            INDArray g = cifar.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
            assertThat(x.extract(g)).isEqualTo(x.extract(Nd4j.concat(1, g, g, g)));
            INDArray wide = load("lpips/pairs_48x80_in0.npy");
            assertThat(x.extract(wide).shape()).containsExactly(wide.size(0), x.spec().dims());
            assertThatThrownBy(() -> x.extract(cifar, Set.of("pool_7"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no output 'pool_7'");
            assertThatThrownBy(() -> x.extract(cifar.sub(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0..255");
        }
    }

    /** The registry's choice of batch size reaches the network, and changes nothing but speed and memory. */
    @ParameterizedTest(name = "{0} batch {2}")
    @CsvSource({"squeezenet, weights/squeezenet1_1-features.pth, 1", "squeezenet, weights/squeezenet1_1-features.pth, 3",
            "alexnet, weights/alexnet-features.pth, 2"})
    void theChosenBatchSizeIsUsedAndChangesNoFeature(String id, String weights, int batch) throws Exception {
        Path file = TestData.asset(weights);
        INDArray cifar = load("lpips/pairs_32x32_in0.npy");
        try (FeatureExtractor small = Extractors.create(new Extractors.Choice(id, file, null, null, batch));
             ImageNetFeatureExtractor whole = ImageNetFeatureExtractor.byId(id, file, (int) cifar.size(0))) {
            assertThat(((ImageNetFeatureExtractor) small).batchSize()).isEqualTo(batch);
            assertThat(whole.batchSize()).isEqualTo(cifar.size(0));
            INDArray a = small.extract(cifar, Set.of(small.spec().layer())).get(small.spec().layer());
            INDArray b = whole.extract(cifar);
            assertThat(a.shape()).containsExactly(b.shape());
            for (int i = 0; i < a.rows(); i++) {
                for (int c = 0; c < a.columns(); c++) {
                    assertThat(a.getDouble(i, c)).as("image %d feature %d", i, c)
                            .isCloseTo(b.getDouble(i, c), within(1e-5 * (1 + Math.abs(b.getDouble(i, c)))));
                }
            }
        }
        assertThatThrownBy(() -> ImageNetFeatureExtractor.byId(id, file, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be >= 1, got 0");
    }
}
