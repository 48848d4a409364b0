package org.ganeval4j.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every pair of {@code lpips/lpips_reference.json} (discovered from the file, made by the lpips
 * package with torch 1.13 on CPU, see {@code ../shared/testdata/README.md}) for every backbone the
 * file has values for: the distance and each layer term within {@code 1e-5 + 1e-4·|ref|}, and
 * identical images exactly 0.
 */
class LpipsReferenceTest {
    static final String REFERENCE = "lpips/lpips_reference.json";
    private static final Map<LpipsNet, Lpips> MODELS = new EnumMap<>(LpipsNet.class);
    private static final Map<String, LpipsResult> RESULTS = new HashMap<>();
    private static final Map<LpipsNet, double[]> WORST = new EnumMap<>(LpipsNet.class);

    /** One pair for one backbone, with its reference values. */
    record Case(String pair, LpipsNet net, String group, int row, double value, double[] layers, List<String> layerNames) {
        @Override
        public String toString() {
            return net.id() + " " + pair;
        }
    }

    static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(TestData.testdata(REFERENCE).toFile());
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (JsonNode p : reference().get("pairs")) {
            for (LpipsNet net : LpipsNet.values()) {
                JsonNode r = p.get(net.id());
                if (r == null || !r.has("value")) {
                    continue;
                }
                double[] layers = new double[r.get("layers").size()];
                for (int i = 0; i < layers.length; i++) {
                    layers[i] = r.get("layers").get(i).asDouble();
                }
                List<String> names = new ArrayList<>();
                r.get("layer_names").forEach(n -> names.add(n.asText()));
                out.add(new Case(p.get("name").asText(), net, p.get("group").asText(), p.get("row").asInt(),
                        r.get("value").asDouble(), layers, names));
            }
        }
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    static synchronized Lpips model(LpipsNet net) throws IOException {
        Lpips m = MODELS.get(net);
        if (m == null) {
            m = Lpips.builder(net)
                    .trunkWeights(TestData.asset(net == LpipsNet.ALEX ? "weights/alexnet-features.pth"
                            : "weights/squeezenet1_1-features.pth"))
                    .headWeights(TestData.asset("weights/lpips/v0.1/" + net.id() + ".pth"))
                    .build();
            MODELS.put(net, m);
        }
        return m;
    }

    static INDArray images(String group, int side) throws IOException {
        NpyArray a = Npy.read(TestData.testdata("lpips/pairs_" + group + "_in" + side + ".npy"));
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    /** All pairs of a group in one batch per side. */
    static synchronized LpipsResult result(LpipsNet net, String group) throws IOException {
        String key = net + "/" + group;
        LpipsResult r = RESULTS.get(key);
        if (r == null) {
            r = model(net).compare(images(group, 0), images(group, 1), false);
            RESULTS.put(key, r);
        }
        return r;
    }

    @AfterAll
    static void close() {
        WORST.forEach((net, w) -> System.out.printf("LPIPS-%s vs lpips: max abs error %.3g, max rel error %.3g"
                + " (distances and layer terms)%n", net.id(), w[0], w[1]));
        MODELS.values().forEach(Lpips::close);
        MODELS.clear();
        RESULTS.clear();
    }

    private static synchronized void record(LpipsNet net, double got, double ref) {
        double[] w = WORST.computeIfAbsent(net, k -> new double[2]);
        double abs = Math.abs(got - ref);
        w[0] = Math.max(w[0], abs);
        if (ref != 0) {
            w[1] = Math.max(w[1], abs / Math.abs(ref));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheLpipsPackage(Case c) throws IOException {
        LpipsResult r = result(c.net(), c.group());
        assertThat(r.layerNames()).isEqualTo(c.layerNames());
        double got = r.distance(c.row());
        record(c.net(), got, c.value());
        assertThat(got).as("distance").isCloseTo(c.value(), within(1e-5 + 1e-4 * Math.abs(c.value())));
        double[] layers = r.layers(c.row());
        assertThat(layers).hasSameSizeAs(c.layers());
        for (int l = 0; l < layers.length; l++) {
            record(c.net(), layers[l], c.layers()[l]);
            assertThat(layers[l]).as("layer %s", c.layerNames().get(l))
                    .isCloseTo(c.layers()[l], within(1e-5 + 1e-4 * Math.abs(c.layers()[l])));
        }
        if (c.value() == 0.0) {
            assertThat(got).as("identical images").isEqualTo(0.0);
            assertThat(layers).containsOnly(0.0);
        }
    }

    @Test
    void thePublishedExample() throws IOException {
        Map<String, Case> alex = new HashMap<>();
        cases().filter(c -> c.net() == LpipsNet.ALEX).forEach(c -> alex.put(c.pair(), c));
        Case p0 = alex.get("ex_ref__ex_p0");
        Case p1 = alex.get("ex_ref__ex_p1");
        assertThat(result(LpipsNet.ALEX, p0.group()).distance(p0.row())).isCloseTo(0.72188, within(5e-6));
        assertThat(result(LpipsNet.ALEX, p1.group()).distance(p1.row())).isCloseTo(0.13757, within(5e-6));
    }

    @Test
    void batchSizeDoesNotMatter() throws IOException {
        INDArray a = images("64x64", 0);
        INDArray b = images("64x64", 1);
        double[] batched = result(LpipsNet.SQUEEZE, "64x64").distances();
        try (Lpips one = Lpips.builder(LpipsNet.SQUEEZE).batchSize(1)
                .trunkWeights(TestData.asset("weights/squeezenet1_1-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/squeeze.pth")).build()) {
            double[] single = one.distance(a, b);
            for (int i = 0; i < single.length; i++) {
                assertThat(single[i]).isCloseTo(batched[i], within(1e-6));
            }
        }
    }

    /**
     * The heap buffers an Lpips reuses between calls (pixels, trunk input, taps, norms) carry nothing
     * over: after calls on other sizes, batch counts and array kinds, the same pairs give the same bits,
     * whether they come as float32, uint8, float64, a view at an offset or a non-contiguous view.
     */
    @Test
    void buffersReusedBetweenCallsCarryNothingOver() throws IOException {
        try (Lpips fresh = Lpips.builder(LpipsNet.ALEX).batchSize(3)
                .trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/alex.pth")).build();
             Lpips used = Lpips.builder(LpipsNet.ALEX).batchSize(3)
                .trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/alex.pth")).build()) {
            INDArray a = images("64x64", 0);
            INDArray b = images("64x64", 1);
            double[] expected = fresh.distance(a, b);
            used.distance(images("256x256", 0), images("256x256", 1));
            used.embed(images("48x80", 0));
            used.distance(images("32x32", 1), images("32x32", 0));
            assertThat(used.distance(a, b)).containsExactly(expected);
            assertThat(used.distance(a.castTo(org.nd4j.linalg.api.buffer.DataType.UINT8),
                    b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))).containsExactly(expected);
            // rows 1.. of a batch with one more image in front: a view at an offset
            INDArray a1 = Nd4j.concat(0, b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), a);
            INDArray view = a1.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, a1.size(0)));
            assertThat(used.distance(view, b)).containsExactly(expected);
            // channels reversed twice: a non-contiguous view with the same values
            INDArray reversed = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.indices(2, 1, 0)).dup();
            INDArray back = reversed.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.indices(2, 1, 0));
            assertThat(used.distance(back, b)).containsExactly(expected);
        }
    }

    /** Both sides of the pairs go through the trunk in one pass, at different rows: still exactly 0. */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"ALEX,256x256", "SQUEEZE,256x256", "ALEX,64x64", "SQUEEZE,48x80",
        "SQUEEZE,32x32"})
    void identicalImagesAnywhereInTheBatchGiveExactlyZero(LpipsNet net, String group) throws IOException {
        INDArray a = images(group, 0);
        INDArray b = a.dup();
        b.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(images(group, 1).get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)));
        LpipsResult r = model(net).compare(a, b, true);
        assertThat(r.distance(0)).isGreaterThan(0);
        for (int i = 1; i < r.size(); i++) {
            assertThat(r.distance(i)).isEqualTo(0.0);
        }
        for (INDArray m : r.spatialMaps()) {
            assertThat(m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, r.size())).maxNumber().doubleValue())
                    .isEqualTo(0.0);
        }
    }

    static Path script() {
        return Path.of("src/test/resources/org/ganeval4j/feature/lpips_numpy.py");
    }
}
