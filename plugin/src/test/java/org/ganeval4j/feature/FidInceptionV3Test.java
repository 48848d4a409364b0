package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ganeval4j.assets.AssetResolver;
import org.ganeval4j.feature.FidReference.RowErrors;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * FID Inception against pytorch-fid's outputs on the random-weight checkpoint, for every group of
 * {@code ../shared/testdata/fid} (reference vectors from the script described in that folder's
 * README.md): all six outputs within {@code 1e-3·max|ref row| + 1e-6} per image row for the
 * PYTORCH mode, and {@code pool_2048} fed the way torch-fidelity (TF1), clean-fid (CLEAN) and
 * torchmetrics with antialias (ANTIALIAS) feed the same network.
 */
class FidInceptionV3Test {
    /** What pytorch-fid's pipeline gives, per group (batch size 16), reused by the batch-size test. */
    private static final Map<String, Map<String, INDArray>> PYTORCH = new ConcurrentHashMap<>();

    static java.util.List<String> groups() {
        return FidReference.groups();
    }

    static Map<String, INDArray> pytorchOutputs(String group) {
        return PYTORCH.computeIfAbsent(group, g -> {
            try {
                return FidReference.network().extract(FidReference.images(g), FidReference.network().outputs().keySet());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void allSixOutputsMatchPytorchFid(String group) {
        Map<String, INDArray> out = pytorchOutputs(group);
        for (String o : FidReference.network().outputs().keySet()) {
            INDArray ref = FidReference.ref(group, o);
            RowErrors e = FidReference.compare(out.get(o), ref);
            System.out.printf("fid-inception %-12s %-16s pytorch  max row-relative error %.2e%n", group, o, e.max());
            assertThat(e.withinTolerance()).as("%s %s: %s", group, o, e.firstViolation()).isTrue();
            assertThat(e.max()).as("%s %s max row-relative error", group, o).isLessThan(1e-4);
        }
        INDArray p = out.get(FidInceptionV3.POOL_2048);
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.shape()).containsExactly(FidReference.ref(group, "pool_2048").shape());
        // the value, not only the error: the group's first feature as pytorch-fid gives it
        assertThat((double) p.getFloat(0, 0)).isCloseTo(FidReference.ref(group, "pool_2048").getFloat(0, 0),
                org.assertj.core.data.Offset.offset(1e-3 * FidReference.ref(group, "pool_2048").getRow(0).amaxNumber().doubleValue() + 1e-6));
    }

    static Stream<Arguments> groupsAndOtherModes() {
        return groups().stream().flatMap(g -> Stream.of(ResizeMode.TF1, ResizeMode.CLEAN, ResizeMode.ANTIALIAS)
                .map(m -> Arguments.of(g, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("groupsAndOtherModes")
    void otherResizeModesMatchTheirLibrariesPipelines(String group, ResizeMode mode) throws IOException {
        FidInceptionV3 net = FidReference.network(mode);
        assertThat(net.spec().resizeMode()).isEqualTo(mode.id());
        INDArray p = net.extract(FidReference.images(group));
        String key = FidReference.pool2048Key(mode);
        INDArray ref = FidReference.ref(group, key);
        RowErrors e = FidReference.compare(p, ref);
        System.out.printf("fid-inception %-12s %-16s %-9s max row-relative error %.2e%n", group, key, mode.id(), e.max());
        assertThat(e.withinTolerance()).as("%s %s: %s", group, key, e.firstViolation()).isTrue();
        assertThat(e.max()).as("%s %s max row-relative error", group, key).isLessThan(1e-4);
    }

    /** Images per group run one at a time (batch size 1 is the slow path; three per group keep the test short). */
    private static final int SINGLE_IMAGES = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void batchSizeOneGivesTheSameFeaturesAsSixteen(String group) throws IOException {
        INDArray images = FidReference.images(group);
        assertThat(FidReference.network().batchSize()).isEqualTo(16);
        Map<String, INDArray> batched = pytorchOutputs(group);
        for (int i = 0; i < Math.min(SINGLE_IMAGES, images.size(0)); i++) {
            INDArray one = images.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Map<String, INDArray> single = FidReference.network().extract(one, FidReference.network().outputs().keySet());
            for (var e : single.entrySet()) {
                RowErrors d = FidReference.compare(e.getValue(), batched.get(e.getKey()).getRow(i, true));
                System.out.printf("fid-inception %-12s %-16s batch 1 vs %d, image %d: row-relative difference %.2e%n",
                        group, e.getKey(), Math.min(16, images.size(0)), i, d.max());
                assertThat(d.max()).as("%s %s image %d", group, e.getKey(), i).isLessThan(5e-5);
            }
        }
    }

    @Test
    void grayImagesAreReplicatedToRgb() throws IOException {
        // a group whose images are gray replicated into R, G and B (MNIST): its first channel alone
        // must give the same features
        String group = groups().stream().filter(g -> {
            try {
                INDArray x = FidReference.images(g);
                return x.get(NDArrayIndex.all(), NDArrayIndex.point(0)).equals(x.get(NDArrayIndex.all(), NDArrayIndex.point(1)))
                        && x.get(NDArrayIndex.all(), NDArrayIndex.point(0)).equals(x.get(NDArrayIndex.all(), NDArrayIndex.point(2)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).findFirst().orElse(null);
        if (group == null) {
            org.ganeval4j.testing.TestData.missing("no group of gray images in the FID reference vectors");
        }
        INDArray rgb = FidReference.images(group);
        INDArray gray = rgb.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray f = FidReference.network().extract(gray);
        RowErrors e = FidReference.compare(f, FidReference.ref(group, "pool_2048"));
        System.out.printf("fid-inception %-12s pool_2048 from 1-channel input: max row-relative error %.2e%n", group, e.max());
        assertThat(e.withinTolerance()).as(e.firstViolation()).isTrue();
        assertThat(f).isEqualTo(pytorchOutputs(group).get("pool_2048"));
    }

    @Test
    void subsetsComeFromOnePassAndEqualTheFullSet() throws IOException {
        String group = groups().get(0);
        INDArray images = FidReference.images(group);
        Map<String, INDArray> all = pytorchOutputs(group);
        Map<String, INDArray> early = FidReference.network().extract(images, Set.of("pool_64", "pool_192"));
        assertThat(early.keySet()).containsExactly("pool_64", "pool_192");
        assertThat(early.get("pool_64")).isEqualTo(all.get("pool_64"));
        assertThat(early.get("pool_192")).isEqualTo(all.get("pool_192"));
        INDArray unbiased = FidReference.network().extract(images, Set.of("logits_unbiased")).get("logits_unbiased");
        assertThat(unbiased).isEqualTo(all.get("logits_unbiased"));
    }

    @Test
    void specDescribesTheDefaultLayerAndTheWeightsFile() throws IOException {
        FidInceptionV3 net = FidReference.network();
        ExtractorSpec s = net.spec();
        assertThat(s.extractor()).isEqualTo("fid-inception");
        assertThat(s.layer()).isEqualTo("pool_2048");
        assertThat(s.dims()).isEqualTo(2048);
        assertThat(s.resizeMode()).isEqualTo("pytorch");
        assertThat(s.weightsSha256()).isEqualTo(AssetResolver.sha256(TestData.testdata(FidReference.CHECKPOINT)))
                .isEqualTo("0033dc2aa999f83d1ebe58497ba8e520478592c1e10cd81234ee4dce4d74a30f");
        assertThat(net.outputs()).containsExactly(Map.entry("pool_64", 64), Map.entry("pool_192", 192),
                Map.entry("pool_768", 768), Map.entry("pool_2048", 2048), Map.entry("logits", 1008),
                Map.entry("logits_unbiased", 1008));
    }

    @Test
    void badArgumentsAreRefusedWithWhatWasExpected() {
        FidInceptionV3 net = FidReference.network();
        INDArray img = Nd4j.zeros(DataType.FLOAT, 1, 3, 299, 299);
        assertThatThrownBy(() -> net.extract(img, Set.of("pool_3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool_3").hasMessageContaining("pool_2048");
        assertThatThrownBy(() -> net.extract(img, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one output");
        assertThatThrownBy(() -> net.extract(Nd4j.zeros(DataType.FLOAT, 1, 299, 299, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 299, 299, 3]").hasMessageContaining("NHWC");
        assertThatThrownBy(() -> net.extract(Nd4j.zeros(DataType.FLOAT, 3, 299, 299)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NCHW");
        assertThatThrownBy(() -> net.extract(Nd4j.zeros(DataType.FLOAT, 1, 3, 32, 32).addi(256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> net.extractNetworkInput(Nd4j.zeros(DataType.FLOAT, 1, 3, 64, 64), Set.of("pool_64")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 3, 64, 64]");
        assertThatThrownBy(() -> FidInceptionV3.builder().weights(TestData.testdata(FidReference.CHECKPOINT)).layer("fc").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fc'").hasMessageContaining("logits_unbiased");
        assertThatThrownBy(() -> FidInceptionV3.builder().weights(TestData.testdata(FidReference.CHECKPOINT)).batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> FidInceptionV3.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
    }

    @Test
    void derivedExtractorsShareTheNetworkUntilTheLastIsClosed() throws IOException {
        FidInceptionV3 a = FidInceptionV3.builder().weights(TestData.testdata(FidReference.CHECKPOINT))
                .resizeMode(ResizeMode.CLEAN).layer("logits_unbiased").batchSize(3).build();
        FidInceptionV3 b = a.withResizeMode(ResizeMode.TF1);
        assertThat(a.spec()).isEqualTo(new ExtractorSpec("fid-inception", "logits_unbiased", 1008, "clean",
                "0033dc2aa999f83d1ebe58497ba8e520478592c1e10cd81234ee4dce4d74a30f"));
        assertThat(b.spec().resizeMode()).isEqualTo("tf1");
        assertThat(b.spec().layer()).isEqualTo("logits_unbiased");
        assertThat(b.batchSize()).isEqualTo(3);
        INDArray img = Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28);
        a.close();
        a.close();
        assertThatThrownBy(() -> a.extract(img)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> a.withResizeMode(ResizeMode.PYTORCH)).isInstanceOf(IllegalStateException.class);
        assertThat(b.extract(img).shape()).containsExactly(1, 1008);  // still works: b holds the network
        b.close();
        assertThatThrownBy(() -> b.extract(img)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCheckpointOfAnotherNetworkNamesTheMissingTensor() {
        var other = TestData.asset("weights/squeezenet1_1-features.pth");
        assertThatThrownBy(() -> FidInceptionV3.load(other))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("Conv2d_1a_3x3.conv.weight").hasMessageContaining("[32, 3, 3, 3]");
    }
}
