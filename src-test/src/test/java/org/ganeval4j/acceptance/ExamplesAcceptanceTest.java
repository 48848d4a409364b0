package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.ganeval4j.examples.ArbiterSweep;
import org.ganeval4j.examples.DcganMnist;
import org.ganeval4j.examples.EarlyStopping;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 7 acceptance 2, in small: the examples run end to end on MNIST from the asset folder (a short
 * run: few iterations, few samples, no UI) and leave what they promise — the metric history with one
 * row per metric and evaluation, finite values, the charts and sample grid as PNGs, the best generator
 * and the reference statistics. The full-length default run is the README's first command.
 */
@Tag("slow")
class ExamplesAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dcganMnistLeavesItsHistoryChartsAndBestGenerator(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String stdout = run(new DcganMnist(), "--data", TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz").toString(),
                "--images", "200", "--iterations", "20", "--eval-every", "10", "--samples", "40", "--no-ui",
                "--out", out.toString());

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv.get(0)).startsWith("timestamp,iteration,epoch,metric,value");
        List<String[]> rows = csv.stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertThat(rows).extracting(r -> r[1] + " " + r[3]).containsExactly(
                "0 FD-SqueezeNet", "0 LPIPS-diversity", "10 FD-SqueezeNet", "10 LPIPS-diversity",
                "20 FD-SqueezeNet", "20 LPIPS-diversity");
        for (String[] r : rows) {
            assertThat(r[10]).as("status of %s", String.join(",", r)).isEqualTo("ok");
            double v = Double.parseDouble(r[4]);
            assertThat(v).as("value of %s", String.join(",", r)).isFinite().isPositive();
            assertThat(Integer.parseInt(r[7])).isEqualTo(40);
        }
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(rows.size());

        for (String png : List.of("chart-FD-SqueezeNet.png", "chart-LPIPS-diversity.png", "samples.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).as(png).isGreaterThan(50);
        }

        JsonNode best = JSON.readTree(out.resolve("best.json").toFile());
        assertThat(best.get("metric").asText()).isEqualTo("FD-SqueezeNet");
        assertThat(best.get("iteration").asInt()).isIn(0, 10, 20);
        try (ZipFile zip = new ZipFile(out.resolve("best-generator.zip").toFile())) {
            assertThat(zip.getEntry("configuration.json")).isNotNull();
            assertThat(zip.getEntry("coefficients.bin")).isNotNull();
        }

        GaussianStats reference = StatsFile.read(out.resolve("reference-FD-SqueezeNet.npz"));
        assertThat(reference.count()).isEqualTo(200);
        assertThat(reference.dim()).isEqualTo(512);

        assertThat(stdout).contains("trained 20 iterations").contains("best FD-SqueezeNet");

        // issue 12 acceptance 2: ganeval4j eval repeats the recorded evaluation from the zip alone
        Cli.Result eval = Cli.run("eval", out.resolve("best-generator.zip"), "--json");
        assertThat(eval.exitCode()).as(eval.stderr()).isZero();
        JsonNode values = JSON.readTree(eval.stdout()).get("metrics");
        JsonNode recorded = best.get("generator").get("recorded").get("values");
        assertThat(values.get("FD-SqueezeNet").get("value").asDouble())
                .isCloseTo(best.get("value").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-7));
        assertThat(values.get("LPIPS-diversity").get("value").asDouble()).isCloseTo(
                recorded.get("LPIPS-diversity").asDouble(), org.assertj.core.data.Percentage.withPercentage(1e-5));
        assertThat(JSON.readTree(eval.stdout()).get("samples").asInt()).isEqualTo(40);
    }

    @Test
    void earlyStoppingStopsOnItsTarget(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        // a target every run reaches at its first evaluation after the start: the stop must come from the monitor
        String stdout = run(new EarlyStopping(), "--data", TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz").toString(),
                "--images", "200", "--iterations", "200", "--eval-every", "10", "--samples", "40", "--no-ui",
                "--target", "1e9", "--out", out.toString());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1).split(",", -1)[1]).isEqualTo("10");
        assertThat(stdout).contains("stopped after 10 iterations");
        Matcher m = Pattern.compile("best FD-SqueezeNet (\\S+) at iteration 10; the restored best-generator.zip re-evaluates"
                + " to (\\S+)").matcher(stdout);
        assertThat(m.find()).as(stdout).isTrue();
        double best = Double.parseDouble(m.group(1));
        assertThat(Double.parseDouble(m.group(2))).as("the restored best generator scores what it scored when saved")
                .isCloseTo(best, org.assertj.core.data.Percentage.withPercentage(1e-3));
    }

    @Test
    void arbiterSweepWritesItsTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep");
        String stdout = run(new ArbiterSweep(), "--data", TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz").toString(),
                "--images", "200", "--candidates", "2", "--iterations", "20", "--eval-every", "10", "--samples", "40",
                "--no-ui", "--out", out.toString());
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(3);
        List<String> header = List.of(csv.get(0).split(","));
        assertThat(header.get(0)).isEqualTo("id");
        assertThat(header).contains("metric", "best_metric", "iteration", "seconds", "status");
        int best = header.indexOf("best_metric");
        int status = header.indexOf("status");
        for (String row : csv.subList(1, 3)) {
            String[] r = row.split(",", -1);
            assertThat(r[status]).as(row).isIn("completed", "stopped", "failed");
            if (!r[status].equals("failed")) {
                assertThat(Double.parseDouble(r[best])).as(row).isFinite();
            }
        }
        assertThat(out.resolve("candidate-0").resolve("metrics.csv")).exists();
        assertThat(stdout).contains("sweep.csv");
    }

    private static String run(Callable<Integer> example, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            exit = new CommandLine(example).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        return text;
    }
}
