package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 acceptance 2: {@code ganeval4j eval} on plain DL4J checkpoints of a combined GAN network
 * (the generator part chosen with {@code --layer}): {@code --checkpoints} writes one history row per
 * model in training order and the charts; {@code ganeval4j sample} PNGs fed back to
 * {@code ganeval4j fid} give the evaluation's value; bad input is one line and exit 2.
 */
@Tag("slow")
class EvalCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path shared;
    static Path checkpoints;
    static Path reference;
    static final Object[] SAMPLING = {"--layer", "2", "--latent", "normal:32", "--format", "flat:1x28x28", "--range",
        "-1,1", "--seed", "5"};

    /** Three DL4J checkpoints (iterations 10, 20, 30) of the reference MLP GAN, and FD-SqueezeNet statistics. */
    @BeforeAll
    static void train() throws Exception {
        Path mnist = TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz");
        ImageDataset data;
        try (ImageSource s = ImageSources.open(mnist, ImageSources.Options.defaults().withLimit(300, 1))) {
            data = ImageDataset.load(s, 0);
        }
        Gan gan = Gan.build(GanConfig.mnistMlp(3), data);
        checkpoints = Files.createDirectories(shared.resolve("checkpoints"));
        for (int i = 1; i <= 30; i++) {
            gan.step();
            if (i % 10 == 0) {
                // names that sort differently from the training order: the command orders by iteration
                ModelSerializer.writeModel(gan.combined(), checkpoints.resolve("gan-" + (40 - i) + ".zip").toFile(), false);
            }
        }
        reference = shared.resolve("mnist-squeezenet.npz");
        Cli.Result r = Cli.run("stats", mnist, "--extractor", "squeezenet", "--limit", "200", "-o", reference);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    private static Object[] args(Object... head) {
        Object[] a = new Object[head.length + SAMPLING.length];
        System.arraycopy(head, 0, a, 0, head.length);
        System.arraycopy(SAMPLING, 0, a, head.length, SAMPLING.length);
        return a;
    }

    @Test
    void everyCheckpointOfAFolderIsEvaluatedInTrainingOrder(@TempDir Path out) throws Exception {
        Cli.Result r = Cli.run(args("eval", "--checkpoints", checkpoints, "--out", out, "--reference", reference,
                "--metrics", "fid", "--samples", "40"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<MetricResult> rows = MetricHistory.read(out);
        assertThat(rows).extracting(MetricResult::iteration).containsExactly(10L, 20L, 30L);
        assertThat(rows).allMatch(x -> x.ok() && x.name().equals("FD-SqueezeNet") && x.samples() == 40);
        assertThat(out.resolve("chart-FD-SqueezeNet.png")).exists();
        assertThat(r.stdout()).contains("# gan-30.zip (iteration 10)").contains("# gan-10.zip (iteration 30)");
    }

    @Test
    void samplesWrittenAsPngGiveTheSameFrechetDistanceAsTheGenerator(@TempDir Path out) throws Exception {
        Path model = checkpoints.resolve("gan-10.zip");
        Cli.Result eval = Cli.run(args("eval", model, "--reference", reference, "--metrics", "fid", "--samples", "40",
                "--json"));
        assertThat(eval.exitCode()).as(eval.stderr()).isZero();
        JsonNode json = JSON.readTree(eval.stdout());
        double fromGenerator = json.get("metrics").get("FD-SqueezeNet").get("value").asDouble();
        assertThat(json.get("iteration").asLong()).isEqualTo(30);

        Path pngs = out.resolve("pngs");
        Cli.Result sample = Cli.run(args("sample", model, "-n", "40", "-o", pngs));
        assertThat(sample.exitCode()).as(sample.stderr()).isZero();
        assertThat(sample.stdout().strip()).isEqualTo("40");
        assertThat(Files.list(pngs).filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(40);
        Cli.Result fid = Cli.run("fid", reference, pngs);
        assertThat(fid.exitCode()).as(fid.stderr()).isZero();
        assertThat(Double.parseDouble(fid.stdout().strip())).isCloseTo(fromGenerator,
                org.assertj.core.data.Percentage.withPercentage(1e-7));

        Cli.Result again = Cli.run(args("sample", model, "-n", "40", "-o", pngs));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("already holds PNG files");
    }

    @Test
    void fidInfinityOnSobolLatentsEndsAtThePlainDistanceOfTheSameSamples() throws Exception {
        Path model = checkpoints.resolve("gan-10.zip");
        Object[] sobol = {"--layer", "2", "--latent", "sobol-normal:32", "--format", "flat:1x28x28", "--range", "-1,1",
            "--seed", "5", "--samples", "40", "--reference", reference, "--json"};
        Cli.Result inf = Cli.run(concat(new Object[] {"eval", model, "--metrics", "fid-inf:n-min=10:n-max=40:points=4"}, sobol));
        assertThat(inf.exitCode()).as(inf.stderr()).isZero();
        JsonNode value = JSON.readTree(inf.stdout()).get("metrics").get("FD-SqueezeNet-inf");
        assertThat(value).as(inf.stdout()).isNotNull();
        Cli.Result plain = Cli.run(concat(new Object[] {"eval", model, "--metrics", "fid"}, sobol));
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        double fd40 = JSON.readTree(plain.stdout()).get("metrics").get("FD-SqueezeNet").get("value").asDouble();
        String text = value.toString();
        assertThat(text).contains("fid_n").contains("[10,20,30,40]");
        JsonNode fidN = value.findValue("fid_n");
        assertThat(fidN.get(3).asDouble()).isCloseTo(fd40, org.assertj.core.data.Percentage.withPercentage(1e-7));
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path model = checkpoints.resolve("gan-10.zip");
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a model");
        record Case(Object[] args, String message) {
        }
        List<Case> cases = List.of(
                new Case(new Object[] {"eval"}, "give either GENERATOR.zip or --checkpoints DIR, got neither"),
                new Case(new Object[] {"eval", text}, "not a zip archive"),
                new Case(new Object[] {"eval", model, "--reference", reference}, "records no latent specification"),
                new Case(args("eval", model, "--reference", reference, "--metrics", "bogus"), "unknown metric 'bogus'"),
                new Case(args("eval", model, "--reference", reference, "--metrics", "kid:subsetz=3"),
                        "metric kid has no option 'subsetz'"),
                new Case(args("eval", model, "--metrics", "fid"), "fid needs real data: give --reference"),
                new Case(new Object[] {"eval", model, "--latent", "gauss:32", "--reference", reference},
                        "expected DISTRIBUTION:DIM"),
                new Case(args("sample", model, "-n", "0", "-o", dir.resolve("x.npy")), "-n must be >= 1, got 0"));
        for (Case c : cases) {
            Cli.Result r = Cli.run(c.args());
            assertThat(r.exitCode()).as("%s: %s", List.of(c.args()), r.stderr()).isEqualTo(2);
            assertThat(r.stderr()).contains(c.message());
            assertThat(r.stderr().strip().lines().count()).as(r.stderr()).isEqualTo(1);
        }
    }
}
