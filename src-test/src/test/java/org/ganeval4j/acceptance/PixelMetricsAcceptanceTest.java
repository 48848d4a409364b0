package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.Mse;
import org.ganeval4j.metric.PixelMetric;
import org.ganeval4j.metric.Psnr;
import org.ganeval4j.metric.Ssim;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, acceptance 1: every set of {@code pixel/expected.json} (torchmetrics 1.9.0, float64)
 * through the API and through {@code ganeval4j ssim|ms-ssim|psnr|mse}: SSIM (Gaussian 11×11 and
 * uniform 7×7), MS-SSIM (normalize None and "relu") within 1e-6 absolute per pair, PSNR and MSE
 * within 1e-9 relative; identical pairs (found in the data) give SSIM = MS-SSIM = 1 and PSNR = +∞,
 * printed {@code inf}. Every quantity in a set must be one this test knows, so a new kind of entry
 * fails instead of being skipped.
 */
class PixelMetricsAcceptanceTest {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    /** The largest error reached per quantity (absolute for SSIM/MS-SSIM, relative for PSNR/MSE), printed at the end. */
    private static final Map<String, Double> WORST = new TreeMap<>();

    /** Quantity in expected.json → (metric, CLI arguments after A B, relative tolerance?). */
    record Quantity(PixelMetric metric, List<String> cli, boolean relative) {
        double tolerance() {
            return relative ? 1e-9 : 1e-6;
        }
    }

    static final Map<String, Quantity> QUANTITIES = Map.of(
            "ssim", new Quantity(Ssim.of(255), List.of("ssim", "--data-range", "255"), false),
            "ssim_uniform_k7", new Quantity(Ssim.of(Ssim.Options.defaults(255).withUniformWindow(7)),
                    List.of("ssim", "--kernel", "uniform", "--kernel-size", "7"), false),
            "ms_ssim", new Quantity(MsSsim.of(MsSsim.Options.defaults(255).withNormalize(MsSsim.Normalize.NONE)),
                    List.of("ms-ssim", "--normalize", "none"), false),
            "ms_ssim_normalize_relu", new Quantity(MsSsim.of(MsSsim.Options.defaults(255)
                    .withNormalize(MsSsim.Normalize.RELU)), List.of("ms-ssim", "--normalize", "relu", "--data-range", "255"),
                    false),
            "psnr", new Quantity(Psnr.of(255), List.of("psnr", "--data-range", "255"), true),
            "mse", new Quantity(Mse.of(), List.of("mse"), true));

    static JsonNode expected() throws Exception {
        return JSON.readTree(TestData.testdata("pixel/expected.json").toFile());
    }

    /** (set, quantity, expected values) for every quantity of every set. */
    static Stream<Arguments> cases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        expected().get("pixel").fields().forEachRemaining(set -> set.getValue().fields().forEachRemaining(q -> {
            if (!q.getKey().equals("shape")) {
                assertThat(QUANTITIES).as("quantity %s of set %s", q.getKey(), set.getKey()).containsKey(q.getKey());
                out.add(Arguments.of(set.getKey(), q.getKey(), q.getValue()));
            }
        }));
        assertThat(out).hasSizeGreaterThanOrEqualTo(6);
        return out.stream();
    }

    /** The images of one side of a set, each as float64 values. */
    static double[][] images(String set, String side, long[] shape) throws Exception {
        NpyArray a = Npy.read(TestData.testdata("pixel/" + set + "_" + side + ".npy"));
        assertThat(a.shape()).containsExactly(shape);
        double[] all = a.toDoubleArray();
        int n = (int) shape[0];
        int per = all.length / n;
        double[][] out = new double[n][];
        for (int k = 0; k < n; k++) {
            out[k] = Arrays.copyOfRange(all, k * per, (k + 1) * per);
        }
        return out;
    }

    private static long[] shape(String set) throws Exception {
        JsonNode s = expected().get("pixel").get(set).get("shape");
        long[] shape = new long[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asLong();
        }
        return shape;
    }

    private static void assertClose(String what, double actual, double expected, Quantity q) {
        if (Double.isInfinite(expected)) {
            assertThat(actual).as(what).isEqualTo(expected);
            return;
        }
        double err = Math.abs(actual - expected) / (q.relative() && expected != 0 ? Math.abs(expected) : 1);
        synchronized (WORST) {
            WORST.merge(what.substring(0, what.indexOf(' ')), err, Math::max);
        }
        assertThat(err).as("%s: %s vs torchmetrics %s", what, actual, expected).isLessThanOrEqualTo(q.tolerance());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyPairThroughTheApi(String set, String quantity, JsonNode values) throws Exception {
        long[] shape = shape(set);
        double[][] a = images(set, "a", shape);
        double[][] b = images(set, "b", shape);
        Quantity q = QUANTITIES.get(quantity);
        assertThat(values.size()).isEqualTo(a.length);
        int identical = 0;
        double[] computed = java.util.stream.IntStream.range(0, a.length).parallel()
                .mapToDouble(k -> q.metric().compute(a[k], b[k], (int) shape[1], (int) shape[2], (int) shape[3])).toArray();
        for (int k = 0; k < a.length; k++) {
            double v = computed[k];
            assertClose(quantity + " api " + set + " pair " + k, v, values.get(k).asDouble(), q);
            if (Arrays.equals(a[k], b[k])) {
                identical++;
                switch (quantity) {
                    case "psnr" -> assertThat(v).isEqualTo(Double.POSITIVE_INFINITY);
                    case "mse" -> assertThat(v).isZero();
                    default -> assertThat(v).as("identical pair %d", k).isCloseTo(1.0, within(1e-12));
                }
            }
        }
        if (set.startsWith("distorted")) {
            assertThat(identical).as("the distorted set holds identical pairs").isPositive();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyPairThroughTheCli(String set, String quantity, JsonNode values) throws Exception {
        Quantity q = QUANTITIES.get(quantity);
        List<Object> args = new ArrayList<>();
        args.add(q.cli().get(0));
        args.add(TestData.testdata("pixel/" + set + "_a.npy"));
        args.add(TestData.testdata("pixel/" + set + "_b.npy"));
        args.addAll(q.cli().subList(1, q.cli().size()));
        Cli.Result r = Cli.run(args.toArray());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> lines = r.stdout().strip().lines().toList();
        assertThat(lines).hasSize(values.size());
        for (int k = 0; k < lines.size(); k++) {
            double e = values.get(k).asDouble();
            if (Double.isInfinite(e)) {
                assertThat(lines.get(k)).as("pair %d", k).isEqualTo("inf");
            } else {
                assertClose(quantity + " cli " + set + " pair " + k, Double.parseDouble(lines.get(k)), e, q);
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.println("pixel metrics, largest error against torchmetrics 1.9.0 per quantity: " + WORST);
    }
}
