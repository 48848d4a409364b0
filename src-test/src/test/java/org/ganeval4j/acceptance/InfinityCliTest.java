package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.Npz;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ganeval4j fid-inf} and {@code is-inf} against {@code infinity/expected.json}: every FID_N
 * and IS_N, FID∞ and IS∞, slopes and R² within 1e-9 relative; plain output, a grid below the paper's
 * range noted, too few rows refused; images give the same fit as their features.
 */
class InfinityCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double REL = 1e-9;

    @TempDir
    Path dir;

    private static JsonNode expected() throws Exception {
        return JSON.readTree(TestData.testdata("infinity/expected.json").toFile());
    }

    private static Object[] gridArgs(JsonNode n) {
        return new Object[] {"--n-min", n.get(0).asInt(), "--n-max", n.get(n.size() - 1).asInt(), "--points", n.size()};
    }

    /** {@code command a b} followed by the grid options and more arguments. */
    private static Object[] args(String command, Path a, Path b, Object[] grid, Object... more) {
        java.util.List<Object> all = new java.util.ArrayList<>(java.util.List.of(command, a));
        if (b != null) {
            all.add(b);
        }
        all.addAll(java.util.List.of(grid));
        all.addAll(java.util.List.of(more));
        return all.toArray();
    }

    private static double rel(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }

    private static void assertMatches(JsonNode got, JsonNode want, String valuesKey, String infKey) {
        assertThat(got.get("n")).isEqualTo(want.get("n"));
        for (int k = 0; k < want.get(valuesKey).size(); k++) {
            assertThat(rel(got.get(valuesKey).get(k).asDouble(), want.get(valuesKey).get(k).asDouble()))
                    .as("%s at N=%s", valuesKey, want.get("n").get(k)).isLessThanOrEqualTo(REL);
        }
        for (String key : new String[] {infKey, "slope", "r2"}) {
            assertThat(rel(got.get(key).asDouble(), want.get(key).asDouble())).as(key).isLessThanOrEqualTo(REL);
        }
    }

    @Test
    void fidInfMatchesTheReference() throws Exception {
        JsonNode want = expected().get("fid");
        Path ref = TestData.testdata("infinity/reference_stats.npz");
        Path features = TestData.testdata("infinity/features_in_sample_order.npy");
        Cli.Result r = Cli.run(args("fid-inf", ref, features, gridArgs(want.get("n")), "--json"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode got = JSON.readTree(r.stdout());
        assertMatches(got, want, "fid_n", "fid_inf");
        assertThat(got.get("mode").asText()).isEqualTo("prefix");
        assertThat(got.get("grid").get("below_paper_range").asBoolean()).isTrue();
        assertThat(r.stderr()).contains("below the paper's range");

        Cli.Result plain = Cli.run(args("fid-inf", ref, features, gridArgs(want.get("n"))));
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        double[] lines = plain.stdout().lines().mapToDouble(Double::parseDouble).toArray();
        assertThat(lines).hasSize(3);
        assertThat(rel(lines[0], want.get("fid_inf").asDouble())).isLessThanOrEqualTo(REL);
        assertThat(rel(lines[1], want.get("slope").asDouble())).isLessThanOrEqualTo(REL);
        assertThat(rel(lines[2], want.get("r2").asDouble())).isLessThanOrEqualTo(REL);
    }

    @Test
    void isInfMatchesTheReference() throws Exception {
        JsonNode want = expected().get("is");
        Path logits = TestData.testdata(want.get("logits").asText());
        JsonNode n = want.get("n");
        Cli.Result r = Cli.run("is-inf", logits, "--n-min", n.get(0).asInt(), "--n-max", n.get(n.size() - 1).asInt(),
                "--points", n.size(), "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertMatches(JSON.readTree(r.stdout()), want, "is_n", "is_inf");
    }

    @Test
    void tooFewRowsAndBadGridsAreBadInput() throws Exception {
        Path ref = TestData.testdata("infinity/reference_stats.npz");
        Path features = TestData.testdata("infinity/features_in_sample_order.npy");
        Cli.Result r = Cli.run("fid-inf", ref, features);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).contains("50000").contains("6000").contains("--n-max");
        Cli.Result g = Cli.run("fid-inf", ref, features, "--n-min", 3000, "--n-max", 3000);
        assertThat(g.exitCode()).isEqualTo(2);
        assertThat(g.stderr()).contains("n-min=3000").contains("n-max=3000");
        Cli.Result s = Cli.run("is-inf", features, "--n-min", 10, "--n-max", 100, "--points", 3, "--reshuffle", -1);
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.stderr()).contains("--reshuffle");
    }

    @Test
    void reshuffledModeIsSeeded() throws Exception {
        Path ref = TestData.testdata("infinity/reference_stats.npz");
        Path features = TestData.testdata("infinity/features_in_sample_order.npy");
        Object[] grid = {"--n-min", 1000, "--n-max", 3000, "--points", 3, "--json"};
        JsonNode a = JSON.readTree(Cli.run(args("fid-inf", ref, features, grid, "--reshuffle", 5)).stdout());
        JsonNode b = JSON.readTree(Cli.run(args("fid-inf", ref, features, grid, "--reshuffle", 5)).stdout());
        JsonNode prefix = JSON.readTree(Cli.run(args("fid-inf", ref, features, grid)).stdout());
        assertThat(a.get("mode").asText()).isEqualTo("reshuffled");
        assertThat(a.get("fid_n")).isEqualTo(b.get("fid_n"));
        assertThat(a.get("fid_n").get(0).asDouble()).isNotEqualTo(prefix.get("fid_n").get(0).asDouble());
    }

    @Test
    void imagesGiveTheFitOfTheirFeatures() throws Exception {
        TestData.asset("weights/squeezenet1_1-features.pth");
        Path images = TestData.testdata("fid/inputs_b_cifar32.npy");
        Path stats = dir.resolve("stats.npz");
        Cli.Result s = Cli.run("stats", images, "-o", stats, "--extractor", "squeezenet");
        assertThat(s.exitCode()).as(s.stderr()).isZero();
        Path npz = dir.resolve("features.npz");
        Cli.Result f = Cli.run("features", images, "-o", npz, "--extractor", "squeezenet");
        assertThat(f.exitCode()).as(f.stderr()).isZero();
        Path features = dir.resolve("features.npy");
        Npy.write(Npz.read(npz).get("pool_512"), features);

        Object[] grid = {"--n-min", 4, "--n-max", 16, "--points", 4, "--json"};
        Cli.Result fromImages = Cli.run(args("fid-inf", stats, images, grid));
        Cli.Result fromFeatures = Cli.run(args("fid-inf", stats, features, grid));
        assertThat(fromImages.exitCode()).as(fromImages.stderr()).isZero();
        assertThat(fromFeatures.exitCode()).as(fromFeatures.stderr()).isZero();
        JsonNode a = JSON.readTree(fromImages.stdout());
        JsonNode b = JSON.readTree(fromFeatures.stdout());
        assertThat(a.get("metric").asText()).isEqualTo("FD-SqueezeNet-inf");
        assertThat(a.get("extractor").asText()).startsWith("squeezenet/");
        assertThat(a.get("n")).isEqualTo(b.get("n"));
        for (int k = 0; k < 4; k++) {
            assertThat(a.get("fid_n").get(k).asDouble()).isCloseTo(b.get("fid_n").get(k).asDouble(),
                    org.assertj.core.data.Offset.offset(1e-9 * Math.abs(b.get("fid_n").get(k).asDouble())));
        }
        assertThat(fromImages.stderr()).contains("not comparable to published FID");
    }
}
