package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.metric.FrechetResult;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 1 of the foundation issue: every case of {@code fid-stats/expected.json} (made by
 * numpy/scipy with pytorch-fid's procedure), through the API and through the CLI — FID within 1e-6
 * relative, trace and mean checks within 1e-9 relative.
 */
class FidStatsAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws Exception {
        Path dir = TestData.testdata("fid-stats");
        JsonNode all = JSON.readTree(dir.resolve("expected.json").toFile());
        List<Arguments> out = new ArrayList<>();
        all.fields().forEachRemaining(e -> out.add(Arguments.of(e.getKey(), e.getValue())));
        assertThat(out).as("cases in expected.json").isNotEmpty();
        return out.stream();
    }

    private static Path[] files(String name, JsonNode c) {
        Path dir = TestData.testdata("fid-stats");
        String ext = c.get("kind").asText().equals("stats") ? ".npz" : ".npy";
        return new Path[] {TestData.testdata("fid-stats/" + name + "_real" + ext),
                TestData.testdata("fid-stats/" + name + "_fake" + ext)};
    }

    private static void assertRel(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void api(String name, JsonNode c) throws Exception {
        Path[] f = files(name, c);
        double expected = c.get("fid").asDouble();
        if (c.get("kind").asText().equals("stats")) {
            GaussianStats real = StatsFile.read(f[0]);
            GaussianStats fake = StatsFile.read(f[1]);
            assertThat(real.dim()).isEqualTo(c.get("d").asInt());
            assertRel(FrechetDistance.compute(real, fake).value(), expected, 1e-6);
            return;
        }
        FeatureMatrix real = FeatureMatrix.read(f[0]);
        FeatureMatrix fake = FeatureMatrix.read(f[1]);
        assertThat(real.rows()).isEqualTo(c.get("n_real").asInt());
        assertThat(fake.rows()).isEqualTo(c.get("n_fake").asInt());
        GaussianStats sr = real.toStats(StatsProvenance.unknown());
        GaussianStats sf = fake.toStats(StatsProvenance.unknown());
        assertRel(sr.traceCovariance(), c.get("trace_sigma_real").asDouble(), 1e-9);
        assertRel(sf.traceCovariance(), c.get("trace_sigma_fake").asDouble(), 1e-9);
        assertRel(java.util.Arrays.stream(sr.mean()).sum(), c.get("mu_real_sum").asDouble(), 1e-9);
        assertRel(java.util.Arrays.stream(sf.mean()).sum(), c.get("mu_fake_sum").asDouble(), 1e-9);

        // every route: statistics vs statistics, features vs statistics, features vs features
        FrechetResult full = FrechetDistance.compute(sr, sf);
        FrechetResult mixed = FrechetDistance.compute(sr, fake);
        FrechetResult both = FrechetDistance.compute(real, fake);
        assertRel(full.value(), expected, 1e-6);
        assertRel(mixed.value(), expected, 1e-6);
        assertRel(both.value(), expected, 1e-6);
        assertRel(full.traceA(), c.get("trace_sigma_real").asDouble(), 1e-9);
        assertRel(both.traceB(), c.get("trace_sigma_fake").asDouble(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cli(String name, JsonNode c) throws Exception {
        Path[] f = files(name, c);
        Cli.Result r = Cli.run("fid", f[0], f[1]);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(1);
        assertRel(Double.parseDouble(r.stdout().strip()), c.get("fid").asDouble(), 1e-6);

        Cli.Result j = Cli.run("fid", f[0], f[1], "--json");
        assertThat(j.exitCode()).isZero();
        JsonNode o = JSON.readTree(j.stdout());
        assertRel(o.get("fid").asDouble(), c.get("fid").asDouble(), 1e-6);
        assertThat(o.get("metric").asText()).isEqualTo("FID");
        assertThat(o.get("dims").asInt()).isEqualTo(c.get("d").asInt());
        if (c.has("trace_sigma_real")) {
            assertRel(o.get("trace_a").asDouble(), c.get("trace_sigma_real").asDouble(), 1e-9);
            assertRel(o.get("trace_b").asDouble(), c.get("trace_sigma_fake").asDouble(), 1e-9);
        }
    }

    @Test
    void theRealJarRunsFromTheCommandLine() throws Exception {
        Path a = TestData.testdata("fid-stats/d768_stats_real.npz");
        Path b = TestData.testdata("fid-stats/d768_stats_fake.npz");
        Cli.Result r = Cli.runJar("fid", a, b);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Double.parseDouble(r.stdout().strip())).isCloseTo(393.8649715524067, within(1e-6 * 393.86));

        Cli.Result bad = Cli.runJar("fid", a, TestData.testdata("fid-stats/d64_fake.npy"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip().lines()).hasSize(1);
        assertThat(bad.stderr()).contains("dimension mismatch").contains("d=768").contains("d=64")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
