package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ganeval4j.acceptance.Cli.args;
import static org.ganeval4j.acceptance.Cli.assertBadInput;
import static org.ganeval4j.acceptance.Cli.lpipsWeights;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ganeval4j.eval.MsSsimDiversity;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.Ssim;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 13, acceptance 2 and the inputs: the seed's LPIPS example (float32 in [−1, 1]) through
 * {@code ganeval4j lpips --range -1,1} and the natural pairs ({@code normalize=True}) against
 * torchmetrics within 1e-5 + 1e-4·|value|, every pair and the batch mean; float arrays on every image
 * path (pixel metrics, LPIPS, statistics) agree with the uint8 images they were made from; MS-SSIM
 * diversity through {@code diversity --metric ms-ssim}; bad input is one line and exit code 2.
 */
class FloatInputsCliTest {
    @TempDir
    Path dir;

    private static void assertLpips(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-5 + 1e-4 * Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void theSeedLpipsExampleThroughTheCliWithItsRange(String net) throws Exception {
        JsonNode ref = PixelMetricsAcceptanceTest.expected().get("lpips").get("seed_example_" + net);
        Cli.Result r = Cli.run(args(new Object[] {"lpips", TestData.testdata("pixel/seed_lpips_a.npy"),
                TestData.testdata("pixel/seed_lpips_b.npy"), "--range", "-1,1", "--json"}, lpipsWeights(net)));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode o = PixelMetricsAcceptanceTest.JSON.readTree(r.stdout());
        JsonNode perPair = ref.get("per_pair");
        assertThat(o.get("distances").size()).isEqualTo(perPair.size());
        double worst = 0;
        for (int k = 0; k < perPair.size(); k++) {
            double v = o.get("distances").get(k).asDouble();
            worst = Math.max(worst, Math.abs(v - perPair.get(k).asDouble()));
            assertLpips(v, perPair.get(k).asDouble(), "pair " + k);
        }
        assertLpips(o.get("mean").asDouble(), ref.get("batch_mean").asDouble(), "batch mean");
        System.out.println("LPIPS-" + net + " seed example: largest error per pair " + worst + ", batch mean "
                + Math.abs(o.get("mean").asDouble() - ref.get("batch_mean").asDouble()));
    }

    static Stream<String> nets() {
        return Stream.of("squeeze", "alex");
    }

    /** Every {@code lpips.<set>_<net>} entry but the seed example: (set, net, values). */
    static Stream<Arguments> naturalPairs() throws Exception {
        List<Arguments> out = new ArrayList<>();
        PixelMetricsAcceptanceTest.expected().get("lpips").fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("seed_example_")) {
                int cut = e.getKey().lastIndexOf('_');
                out.add(Arguments.of(e.getKey().substring(0, cut), e.getKey().substring(cut + 1), e.getValue()));
            }
        });
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("naturalPairs")
    void theNaturalPairsWithNormalizeTrue(String set, String net, JsonNode values) {
        Cli.Result r = Cli.run(args(new Object[] {"lpips", TestData.testdata("pixel/" + set + "_a.npy"),
                TestData.testdata("pixel/" + set + "_b.npy")}, lpipsWeights(net)));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> lines = r.stdout().strip().lines().toList();
        assertThat(lines).hasSize(values.size());
        for (int k = 0; k < lines.size(); k++) {
            assertLpips(Double.parseDouble(lines.get(k)), values.get(k).asDouble(), set + " pair " + k);
        }
    }

    /** The uint8 images of {@code set} as a float32 array on [lo, lo + span]. */
    private Path asFloat(String set, String side, double lo, double span) throws Exception {
        NpyArray a = Npy.read(TestData.testdata("pixel/" + set + "_" + side + ".npy"));
        byte[] px = a.toByteArray();
        float[] v = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            v[i] = (float) (lo + (px[i] & 0xFF) / 255.0 * span);
        }
        Path out = dir.resolve(set + "_" + side + "_" + lo + "_" + span + ".npy");
        Npy.write(NpyArray.ofFloats(v, a.shape()), out);
        return out;
    }

    private static double[] numbers(Cli.Result r) {
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().lines().mapToDouble(l -> l.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(l))
                .toArray();
    }

    @Test
    void floatArraysGiveWhatTheirUint8ImagesGive() throws Exception {
        Path ua = TestData.testdata("pixel/natural_32x32_a.npy");
        Path ub = TestData.testdata("pixel/natural_32x32_b.npy");
        Path fa = asFloat("natural_32x32", "a", 0, 1);
        Path fb = asFloat("natural_32x32", "b", 0, 1);
        // SSIM and PSNR are invariant to scaling images and data range together
        double[] ssim8 = numbers(Cli.run("ssim", ua, ub));
        double[] ssimF = numbers(Cli.run("ssim", fa, fb, "--range", "0,1"));
        double[] psnr8 = numbers(Cli.run("psnr", ua, ub));
        double[] psnrF = numbers(Cli.run("psnr", fa, fb, "--range", "0,1", "--data-range", "1"));
        for (int k = 0; k < ssim8.length; k++) {
            assertThat(ssimF[k]).isCloseTo(ssim8[k], within(1e-6));
            if (Double.isInfinite(psnr8[k])) {
                assertThat(psnrF[k]).as("an identical pair").isEqualTo(psnr8[k]);
            } else {
                assertThat(psnrF[k]).isCloseTo(psnr8[k], within(1e-5));
            }
        }
        double[] lp8 = numbers(Cli.run(args(new Object[] {"lpips", ua, ub}, lpipsWeights("squeeze"))));
        double[] lpF = numbers(Cli.run(args(new Object[] {"lpips", fa, fb, "--range", "0,1"}, lpipsWeights("squeeze"))));
        assertThat(lpF).hasSameSizeAs(lp8);
        for (int k = 0; k < lp8.length; k++) {
            assertThat(lpF[k]).isCloseTo(lp8[k], within(1e-6 + 1e-5 * lp8[k]));
        }
        // statistics of a float array on 0..255 equal those of the uint8 images exactly
        Path f255 = asFloat("natural_32x32", "a", 0, 255);
        Path s8 = dir.resolve("u8.npz");
        Path sF = dir.resolve("f.npz");
        TestData.asset("weights/squeezenet1_1-features.pth");
        assertThat(Cli.run("stats", ua, "-o", s8, "--extractor", "squeezenet").exitCode()).isZero();
        Cli.Result st = Cli.run("stats", f255, "-o", sF, "--extractor", "squeezenet", "--range", "0,255");
        assertThat(st.exitCode()).as(st.stderr()).isZero();
        assertThat(Npz.read(sF).get("mu").toDoubleArray()).containsExactly(Npz.read(s8).get("mu").toDoubleArray());
        // fid takes float image arrays on the image path too
        Path fm = asFloat("natural_32x32", "b", -1, 2);
        Cli.Result fid = Cli.run("fid", s8, fm, "--range", "-1,1");
        assertThat(fid.exitCode()).as(fid.stderr()).isZero();
        assertThat(Double.parseDouble(fid.stdout().strip())).isPositive();
    }

    @Test
    void msSsimDiversityThroughTheCli() throws Exception {
        Path a = TestData.testdata("pixel/natural_64x64_a.npy");
        Path b = TestData.testdata("pixel/natural_64x64_b.npy");
        Object[] small = {"--betas", "0.0448,0.2856,0.3001", "--kernel-size", "7"};
        Cli.Result r = Cli.run(args(new Object[] {"diversity", a, "--metric", "ms-ssim", "--pairs", "all", "--real", b,
                "--json"}, small));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode o = PixelMetricsAcceptanceTest.JSON.readTree(r.stdout());
        MsSsim.Options options = MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856, 0.3001)
                .withSsim(Ssim.Options.defaults(255).withKernelSize(7));
        NpyArray na = Npy.read(a);
        NpyArray nb = Npy.read(b);
        DiversityResult direct = MsSsimDiversity.builder().options(options).pairs(PairSelection.all()).build()
                .compute(Nd4j.create(na.toFloatArray(), na.shape(), 'c'));
        DiversityResult real = MsSsimDiversity.builder().options(options).pairs(PairSelection.all()).build()
                .compute(Nd4j.create(nb.toFloatArray(), nb.shape(), 'c'));
        assertThat(o.get("mean").asDouble()).isEqualTo(direct.mean());
        assertThat(o.get("standard_error").asDouble()).isEqualTo(direct.standardError());
        assertThat(o.get("pairs").asInt()).isEqualTo(28);
        assertThat(o.get("direction").asText()).isEqualTo("lower_is_better");
        assertThat(o.get("real").get("mean").asDouble()).isEqualTo(real.mean());
        double[] plain = numbers(Cli.run(args(new Object[] {"diversity", a, "--metric", "ms-ssim", "--pairs", "10",
                "--real", b}, small)));
        assertThat(plain).hasSize(4);
        assertThat(java.util.Arrays.stream(plain).boxed().toList()).allMatch(v -> v >= 0 && v <= 1);
        Cli.Result tooSmall = Cli.run("diversity", a, "--metric", "ms-ssim");
        assertBadInput(tooSmall, "at least 176×176 pixels", "got 64×64", "scales fit");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path fa = TestData.testdata("pixel/seed_lpips_a.npy");
        Path fb = TestData.testdata("pixel/seed_lpips_b.npy");
        Path u64 = TestData.testdata("pixel/natural_64x64_a.npy");
        Path u32 = TestData.testdata("pixel/natural_32x32_a.npy");
        Path u256 = TestData.testdata("pixel/natural_256x256_a.npy");
        assertBadInput(Cli.run("ssim", fa, fb), "seed_lpips_a.npy", "needs its value range",
                "--range -1,1, 0,1 or 0,255", "uint8");
        assertBadInput(Cli.run(args(new Object[] {"lpips", fa, fb}, lpipsWeights("alex"))),
                "seed_lpips_a.npy", "--range", "uint8");
        assertBadInput(Cli.run("psnr", fa, fb, "--range", "0,1"), "outside the declared range [0, 1]",
                "in image 0");
        assertBadInput(Cli.run(args(new Object[] {"lpips", fa, fb, "--range", "0,1"}, lpipsWeights("alex"))),
                "outside the declared range [0, 1]");
        assertBadInput(Cli.run("stats", fa, "-o", dir.resolve("x.npz"), "--extractor", "squeezenet"),
                "needs its value range");
        assertBadInput(Cli.run("ssim", fa, fb, "--range", "-1..1"), "--range expects -1,1, 0,1 or 0,255,"
                + " got '-1..1'");
        assertBadInput(Cli.run("mse", u64, TestData.testdata("pixel/natural_48x80_b.npy")),
                "as many images", "has 8", "has 2");
        assertBadInput(Cli.run("ssim", u64, TestData.testdata("pixel/natural_64x64_b.npy"),
                "--kernel-size", "4", "--kernel", "uniform"), "odd and positive", "got 4");
        assertBadInput(Cli.run("psnr", u64, u32), "pair 0", "3×64×64", "3×32×32");
        assertBadInput(Cli.run("ms-ssim", u64, u64), "at least 176×176 pixels", "got 64×64");
        assertBadInput(Cli.run("ms-ssim", u256, u256, "--betas", "0.5,x"), "--betas expects numbers");
        assertBadInput(Cli.run("ms-ssim", u256, u256, "--normalize", "clip"), "none, relu or simple");
        assertBadInput(Cli.run("ssim", u64, asFloat("natural_64x64", "b", -1, 2), "--range", "-1,1"),
                "one scale", "0..255", "[-1, 1]");
        assertBadInput(Cli.run("psnr", u64, u64, "--data-range", "0"), "data range > 0");
        assertBadInput(Cli.run(args(new Object[] {"diversity", u64, "--real", u64}, lpipsWeights("alex"))),
                "--real is for --metric ms-ssim");
        assertBadInput(Cli.run("diversity", u64, "--metric", "ssim"), "lpips or ms-ssim, got 'ssim'");
        Cli.Result same = Cli.run("psnr", u64, u64, "--json");
        assertThat(same.exitCode()).as(same.stderr()).isZero();
        JsonNode o = PixelMetricsAcceptanceTest.JSON.readTree(same.stdout());
        assertThat(o.get("values").get(0).asText()).isEqualTo("inf");
        assertThat(o.get("mean").asText()).isEqualTo("inf");
        assertThat(o.get("pairs").asInt()).isEqualTo(8);
    }
}
