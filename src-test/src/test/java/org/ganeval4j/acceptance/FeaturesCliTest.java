package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ganeval4j.feature.FidReference;
import org.ganeval4j.feature.FidReference.RowErrors;
import org.ganeval4j.io.DType;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.preprocess.ResizeMode;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ganeval4j features} and {@code ganeval4j bench inception}: the CLI writes what the API
 * gives, which is what pytorch-fid gives (reference vectors of {@code ../shared/testdata/fid}, made
 * with the random-weight checkpoint); bad input is one line and exit code 2.
 */
class FeaturesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path weights() {
        return TestData.testdata(FidReference.CHECKPOINT);
    }

    private static INDArray array(NpyArray a) {
        return Nd4j.create(a.toFloatArray(), a.shape(), 'c');
    }

    @Test
    void featuresOfANpyEqualTheApiAndPytorchFid() throws Exception {
        String group = "b_64";
        Path out = dir.resolve("f.npz");
        Cli.Result r = Cli.run("features", TestData.testdata("fid/inputs_" + group + ".npy"), "-o", out, "--weights",
                weights(), "--batch", 16);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("5");
        Map<String, NpyArray> f = Npz.read(out);
        assertThat(f.keySet()).containsExactly("pool_64", "pool_192", "pool_768", "pool_2048", "logits",
                "logits_unbiased", "sources", "metadata");
        assertThat(f.get("sources").toStrings()).containsExactly("#0", "#1", "#2", "#3", "#4");
        Map<String, INDArray> api = FidReference.network().extract(FidReference.images(group),
                FidReference.network().outputs().keySet());
        for (var e : FidReference.network().outputs().entrySet()) {
            NpyArray a = f.get(e.getKey());
            assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
            assertThat(a.shape()).containsExactly(5, e.getValue());
            INDArray cli = array(a);
            assertThat(cli).as(e.getKey()).isEqualTo(api.get(e.getKey()));
            RowErrors err = FidReference.compare(cli, FidReference.ref(group, e.getKey()));
            assertThat(err.withinTolerance()).as("%s: %s", e.getKey(), err.firstViolation()).isTrue();
            assertThat(err.max()).isLessThan(1e-4);
        }
        JsonNode meta = JSON.readTree(f.get("metadata").toUnicodeString());
        assertThat(meta.get("format").asText()).isEqualTo("ganeval4j-features");
        assertThat(meta.get("extractor").asText()).isEqualTo("fid-inception");
        assertThat(meta.get("resize_mode").asText()).isEqualTo("pytorch");
        assertThat(meta.get("weights_sha256").asText())
                .isEqualTo("0033dc2aa999f83d1ebe58497ba8e520478592c1e10cd81234ee4dce4d74a30f");
        assertThat(meta.get("count").asInt()).isEqualTo(5);
        assertThat(meta.get("dims").get("pool_2048").asInt()).isEqualTo(2048);
    }

    @Test
    void resizeModesAreSelectable() throws Exception {
        String group = "b_nonsquare";
        for (ResizeMode mode : new ResizeMode[] {ResizeMode.TF1, ResizeMode.CLEAN}) {
            Path out = dir.resolve(mode.id() + ".npz");
            Cli.Result r = Cli.run("features", TestData.testdata("fid/inputs_" + group + ".npy"), "-o", out,
                    "--weights", weights(), "--resize", mode.id(), "--json");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(JSON.readTree(r.stdout()).get("resize_mode").asText()).isEqualTo(mode.id());
            RowErrors err = FidReference.compare(array(Npz.read(out, "pool_2048")),
                    FidReference.ref(group, FidReference.pool2048Key(mode)));
            assertThat(err.withinTolerance()).as("%s: %s", mode, err.firstViolation()).isTrue();
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path in = TestData.testdata("fid/inputs_b_nonsquare.npy");
        Path out = dir.resolve("x.npz");
        assertBad(Cli.run("features", in, "-o", out, "--weights", weights(), "--resize", "bicubic"),
                "bicubic", "pytorch", "tf1", "clean", "antialias");
        assertBad(Cli.run("features", in, "-o", out, "--weights", weights(), "--extractor", "vgg"), "vgg", "fid-inception");
        assertBad(Cli.run("features", in, "-o", out, "--weights", weights(), "--batch", 0), "--batch", "got 0");
        assertBad(Cli.run("features", in, "-o", dir.resolve("x.npy"), "--weights", weights()), ".npz");
        assertBad(Cli.run("features", dir.resolve("missing.npy"), "-o", out, "--weights", weights()), "missing.npy");
        assertBad(Cli.run("features", in, "-o", out, "--weights", dir.resolve("none.pth")), "none.pth");
        Path floats = dir.resolve("floats.npy");
        org.ganeval4j.io.Npy.write(NpyArray.ofFloats(new float[3 * 4 * 4], 1, 3, 4, 4), floats);
        assertBad(Cli.run("features", floats, "-o", out, "--weights", weights()), "uint8");
        Path squeeze = TestData.asset("weights/squeezenet1_1-features.pth");
        assertBad(Cli.run("features", in, "-o", out, "--weights", squeeze), "Conv2d_1a_3x3.conv.weight");
        assertBad(Cli.run("features", in, "-o", out, "--extractor", "squeezenet", "--resize", "tf1"),
                "squeezenet", "antialias", "tf1");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void fdSqueezeNetFeaturesSayTheyAreNotFid() throws Exception {
        TestData.asset("weights/squeezenet1_1-features.pth");
        Path in = TestData.testdata("fid/inputs_b_cifar32.npy");
        Path out = dir.resolve("squeeze.npz");
        Cli.Result r = Cli.run("features", in, "-o", out, "--extractor", "squeezenet");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("FD-SqueezeNet").contains("not comparable to published FID");
        JsonNode meta = new ObjectMapper().readTree(Npz.read(out).get("metadata").toUnicodeString());
        assertThat(meta.path("distance").asText()).isEqualTo("FD-SqueezeNet");
        assertThat(meta.path("note").asText()).contains("not comparable to published FID");

        Path stats = dir.resolve("stats.npz");
        Cli.Result s = Cli.run("stats", in, "-o", stats, "--extractor", "squeezenet");
        assertThat(s.exitCode()).as(s.stderr()).isZero();
        assertThat(s.stderr()).contains("FD-SqueezeNet").contains("not comparable to published FID");
        JsonNode statsMeta = new ObjectMapper().readTree(Npz.read(stats).get("metadata").toUnicodeString());
        assertThat(statsMeta.path("distance").asText()).isEqualTo("FD-SqueezeNet");
        assertThat(statsMeta.path("note").asText()).contains("not comparable to published FID");
    }

    private static void assertBad(Cli.Result r, String... fragments) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stderr().strip().lines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).startsWith("ganeval4j: ").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.stderr()).contains(f);
        }
    }

    @Test
    void benchInceptionPrintsImagesPerSecond() throws Exception {
        Cli.Result r = Cli.run("bench", "inception", "--weights", weights(), "--batch", 2, "--batches", 1, "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode o = JSON.readTree(r.stdout());
        assertThat(o.get("images_per_s").asDouble()).isPositive();
        assertThat(o.get("batch").asInt()).isEqualTo(2);
        assertThat(o.get("gflop_per_image").asDouble()).isBetween(11.0, 11.8);
        Cli.Result plain = Cli.runJar("bench", "inception", "--weights", weights(), "--batch", 1, "--batches", 1);
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(Double.parseDouble(plain.stdout().strip())).as("stdout is the images/s figure").isPositive();
        assertThat(plain.stderr().lines().filter(l -> l.startsWith("images_per_s ")).findFirst()).isPresent();
        assertThat(Arrays.asList(plain.stderr().split("\\s+"))).contains("batch", "1");
    }
}
