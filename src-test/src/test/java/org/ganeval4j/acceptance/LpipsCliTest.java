package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ganeval4j.acceptance.Cli.args;
import static org.ganeval4j.acceptance.Cli.assertBadInput;
import static org.ganeval4j.acceptance.Cli.lpipsWeights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ganeval4j lpips}, {@code diversity} and {@code bench lpips}: every reference pair group of
 * {@code lpips/lpips_reference.json} through the CLI, PNG files and folders, JSON output, bad input.
 */
class LpipsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** (net, group, reference values by row) for every group and backbone in the reference file. */
    static Stream<Arguments> groups() throws Exception {
        JsonNode ref = JSON.readTree(TestData.testdata("lpips/lpips_reference.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (String net : List.of("alex", "squeeze")) {
            java.util.Map<String, java.util.TreeMap<Integer, Double>> byGroup = new java.util.TreeMap<>();
            for (JsonNode p : ref.get("pairs")) {
                if (p.has(net)) {
                    byGroup.computeIfAbsent(p.get("group").asText(), g -> new java.util.TreeMap<>())
                            .put(p.get("row").asInt(), p.get(net).get("value").asDouble());
                }
            }
            byGroup.forEach((g, rows) -> out.add(Arguments.of(net, g, new ArrayList<>(rows.values()))));
        }
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("groups")
    void everyReferencePair(String net, String group, List<Double> expected) {
        Cli.Result r = Cli.run(args(new Object[] {"lpips", TestData.testdata("lpips/pairs_" + group + "_in0.npy"),
                TestData.testdata("lpips/pairs_" + group + "_in1.npy")}, lpipsWeights(net)));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> lines = r.stdout().strip().lines().toList();
        assertThat(lines).hasSameSizeAs(expected);
        for (int i = 0; i < lines.size(); i++) {
            double e = expected.get(i);
            assertThat(Double.parseDouble(lines.get(i))).as("row %d", i).isCloseTo(e, within(1e-5 + 1e-4 * Math.abs(e)));
        }
    }

    private Path png(String group, int side, int row, Path folder) throws Exception {
        NpyArray a = Npy.read(TestData.testdata("lpips/pairs_" + group + "_in" + side + ".npy"));
        int h = (int) a.shape(2);
        int w = (int) a.shape(3);
        byte[] px = a.toByteArray();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int base = row * 3 * h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                img.setRGB(x, y, (px[base + p] & 0xFF) << 16 | (px[base + h * w + p] & 0xFF) << 8
                        | (px[base + 2 * h * w + p] & 0xFF));
            }
        }
        Files.createDirectories(folder);
        Path f = folder.resolve(String.format("%s_%d_%02d.png", group, side, row));
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void pngFilesAndFoldersGiveThePublishedExample() throws Exception {
        Path ref = png("64x64", 0, 0, dir.resolve("a"));
        Path p0 = png("64x64", 1, 0, dir.resolve("b"));
        png("64x64", 0, 1, dir.resolve("a"));
        png("64x64", 1, 1, dir.resolve("b"));
        Cli.Result one = Cli.run(args(new Object[] {"lpips", ref, p0}, lpipsWeights("alex")));
        assertThat(one.exitCode()).as(one.stderr()).isZero();
        assertThat(Double.parseDouble(one.stdout().strip())).isCloseTo(0.72188, within(5e-6));
        Cli.Result folders = Cli.run(args(new Object[] {"lpips", dir.resolve("a"), dir.resolve("b"), "--json"},
                lpipsWeights("alex")));
        assertThat(folders.exitCode()).as(folders.stderr()).isZero();
        JsonNode o = JSON.readTree(folders.stdout());
        assertThat(o.get("pairs").asInt()).isEqualTo(2);
        assertThat(o.get("distances").get(0).asDouble()).isCloseTo(0.72188, within(5e-6));
        assertThat(o.get("distances").get(1).asDouble()).isCloseTo(0.13757, within(5e-6));
        assertThat(o.get("layer_names").toString()).isEqualTo("[\"relu1\",\"relu2\",\"relu3\",\"relu4\",\"relu5\"]");
        double sum = 0;
        for (JsonNode t : o.get("layers").get(0)) {
            sum += t.asDouble();
        }
        assertThat(sum).isCloseTo(o.get("distances").get(0).asDouble(), within(1e-12));
    }

    @Test
    void weightsResolveFromTheAssetDirectory() {
        String before = System.getProperty("ganeval4j.assets");
        System.setProperty("ganeval4j.assets", TestData.assets().toString());
        try {
            Cli.Result r = Cli.run("lpips", TestData.testdata("lpips/pairs_32x32_in0.npy"),
                    TestData.testdata("lpips/pairs_32x32_in1.npy"), "--net", "squeeze", "--version", "0.0");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().strip().lines().mapToDouble(Double::parseDouble)).allMatch(Double::isFinite);
        } finally {
            if (before == null) {
                System.clearProperty("ganeval4j.assets");
            } else {
                System.setProperty("ganeval4j.assets", before);
            }
        }
    }

    @Test
    void diversityOfAFolderAndOfAnArray() throws Exception {
        Path folder = dir.resolve("div");
        for (int side = 0; side < 2; side++) {
            for (int row = 0; row < 8; row++) {
                png("32x32", side, row, folder);
            }
        }
        Cli.Result r = Cli.run(args(new Object[] {"diversity", folder}, lpipsWeights("alex")));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<Double> lines = r.stdout().strip().lines().map(Double::parseDouble).toList();
        assertThat(lines).hasSize(2);
        NpyArray in0 = Npy.read(TestData.testdata("lpips/pairs_32x32_in0.npy"));
        NpyArray in1 = Npy.read(TestData.testdata("lpips/pairs_32x32_in1.npy"));
        try (Lpips alex = Lpips.builder(LpipsNet.ALEX).trunkWeights(TestData.asset("weights/alexnet-features.pth"))
                .headWeights(TestData.asset("weights/lpips/v0.1/alex.pth")).build()) {
            DiversityResult direct = LpipsDiversity.of(alex).compute(Nd4j.concat(0,
                    Nd4j.create(in0.toFloatArray(), in0.shape(), 'c'), Nd4j.create(in1.toFloatArray(), in1.shape(), 'c')));
            assertThat(lines.get(0)).isCloseTo(direct.mean(), within(1e-6 * direct.mean()));
            assertThat(lines.get(1)).isCloseTo(direct.standardError(), within(1e-4 * direct.standardError()));
        }
        Object[] k = args(new Object[] {"diversity", TestData.testdata("lpips/pairs_32x32_in0.npy"), "--pairs", "10",
                "--seed", "3", "--json"}, lpipsWeights("squeeze"));
        JsonNode a = JSON.readTree(Cli.run(k).stdout());
        JsonNode b = JSON.readTree(Cli.run(k).stdout());
        assertThat(a.get("pairs").asInt()).isEqualTo(10);
        assertThat(a.get("route").asText()).isEqualTo("pairs");
        assertThat(a.get("mean").asDouble()).isEqualTo(b.get("mean").asDouble()).isPositive();
        assertThat(a.get("layers").size()).isEqualTo(7);
    }

    @Test
    void benchPrintsPairsPerSecondAndTheCost() {
        Cli.Result r = Cli.run(args(new Object[] {"bench", "lpips", "--size", "32", "--pairs", "2", "--repeat", "1",
                "--diversity", "4", "--warmup", "0"}, lpipsWeights("squeeze")));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Double.parseDouble(r.stdout().strip())).as("stdout is the pairs/s figure").isPositive();
        assertThat(r.stderr()).contains("pairs_per_s ").contains("gflop_per_image ").contains("diversity_s ");
        assertBadInput(Cli.run(args(new Object[] {"bench", "lpips", "--warmup", "-1"}, lpipsWeights("squeeze"))),
                "--warmup 0..3600 s", "-1.0");
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        Path in0 = TestData.testdata("lpips/pairs_32x32_in0.npy");
        Path in64 = TestData.testdata("lpips/pairs_64x64_in0.npy");
        assertBadInput(Cli.run(args(new Object[] {"lpips", dir.resolve("missing.npy"), in0}, lpipsWeights("alex"))),
                "no such file", "missing.npy");
        assertBadInput(Cli.run(args(new Object[] {"lpips", in0, in64}, lpipsWeights("alex"))),
                "as many images of one size", "32×32", "64×64");
        assertBadInput(Cli.run("lpips", in0, in0, "--net", "resnet"),
                "unknown LPIPS net 'resnet'");
        assertBadInput(Cli.run(args(new Object[] {"lpips", in0, in0, "--version", "0.2"}, lpipsWeights("alex"))),
                "0.1 or 0.0, got '0.2'");
        Path floats = dir.resolve("floats.npy");
        Npy.write(NpyArray.ofFloats(new float[2 * 3 * 32 * 32], 2, 3, 32, 32), floats);
        assertBadInput(Cli.run(args(new Object[] {"lpips", floats, floats}, lpipsWeights("alex"))), "uint8");
        Path small = dir.resolve("small.npy");
        Npy.write(NpyArray.ofUint8(new byte[2 * 3 * 16 * 16], 2, 3, 16, 16), small);
        assertBadInput(Cli.run(args(new Object[] {"lpips", small, small}, lpipsWeights("alex"))),
                "at least 31×31 pixels, got 16×16");
        assertBadInput(Cli.run(args(new Object[] {"diversity", in0, "--pairs", "many"}, lpipsWeights("alex"))),
                "--pairs expects 'all' or a positive number, got 'many'");
        Path one = dir.resolve("one.npy");
        Npy.write(NpyArray.ofUint8(new byte[3 * 32 * 32], 1, 3, 32, 32), one);
        assertBadInput(Cli.run(args(new Object[] {"diversity", one}, lpipsWeights("alex"))), "at least 2 images, found 1");
        assertBadInput(Cli.run("lpips", in0, in0, "--trunk", dir.resolve("nope.pth")), "no such file", "nope.pth");
    }

    @Test
    void thePackagedJarRuns() throws Exception {
        Cli.Result r = Cli.runJar(args(new Object[] {"lpips", TestData.testdata("lpips/pairs_64x64_in0.npy"),
                TestData.testdata("lpips/pairs_64x64_in1.npy")}, lpipsWeights("alex")));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Double.parseDouble(r.stdout().strip().lines().findFirst().orElseThrow())).isCloseTo(0.72188, within(5e-6));
    }
}
