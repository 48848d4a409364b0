package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8 through the CLI: {@code ganeval4j kid|is|pr|prdc} on the feature files of
 * {@code metrics/expected.json} (torch-fidelity 0.4.0 and prdc values): KID to the float64 value
 * (1e-9 absolute), IS to 1e-10 relative, exact counts for precision/recall/density/coverage.
 */
class SampleMetricsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode expected() throws Exception {
        return JSON.readTree(TestData.testdata("metrics/expected.json").toFile());
    }

    /** Cases comparing two whole files (the realsplit cases select rows, which the API tests cover). */
    static Stream<Arguments> featureCases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        expected().fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            if (c.has("files") && !c.has("rows")) {
                out.add(Arguments.of(e.getKey(), c));
            }
        });
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    static Stream<Arguments> logitCases() throws Exception {
        List<Arguments> out = new ArrayList<>();
        expected().fields().forEachRemaining(e -> {
            if (e.getValue().has("file") && !e.getValue().has("rows")) {
                out.add(Arguments.of(e.getKey(), e.getValue()));
            }
        });
        assertThat(out).isNotEmpty();
        return out.stream();
    }

    private static double[] numbers(Cli.Result r) {
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().lines().mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("featureCases")
    void kidPrPrdc(String name, JsonNode c) {
        Path real = TestData.testdata(c.get("files").get("real").asText());
        Path fake = TestData.testdata(c.get("files").get("fake").asText());
        JsonNode kid = c.get("kid");
        int size = kid.get("params").get("kid_subset_size").asInt();
        double[] k = numbers(Cli.run("kid", real, fake, "--subset-size", size));
        assertThat(k).hasSize(2);
        assertThat(k[0]).isCloseTo(kid.get("float64_check").get("kid_mean").asDouble(), within(1e-9));
        assertThat(k[1]).isCloseTo(kid.get("float64_check").get("kid_std").asDouble(), within(1e-9));

        double[] pr = numbers(Cli.run("pr", real, fake));
        int nFake = c.get("n_fake").asInt();
        int nReal = c.get("n_real").asInt();
        assertThat(Math.round(pr[0] * nFake)).isEqualTo(c.get("prc").get("count_precision").asLong());
        assertThat(Math.round(pr[1] * nReal)).isEqualTo(c.get("prc").get("count_recall").asLong());

        double[] d = numbers(Cli.run("prdc", real, fake));
        JsonNode p = c.get("prdc");
        assertThat(d).hasSize(4);
        assertThat(Math.round(d[0] * nFake)).isEqualTo(p.get("count_precision").asLong());
        assertThat(Math.round(d[1] * nReal)).isEqualTo(p.get("count_recall").asLong());
        assertThat(Math.round(d[2] * 5 * nFake)).isEqualTo(p.get("count_density_pairs").asLong());
        assertThat(Math.round(d[3] * nReal)).isEqualTo(p.get("count_coverage").asLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logitCases")
    void inceptionScore(String name, JsonNode c) {
        Path logits = TestData.testdata("metrics/" + Path.of(c.get("file").asText()).getFileName());
        double[] s = numbers(Cli.run("is", logits));
        assertThat(s[0]).isCloseTo(c.get("isc").get("isc_mean").asDouble(), within(1e-10 * s[0]));
        assertThat(s[1]).isCloseTo(c.get("isc").get("isc_std").asDouble(), within(1e-9));
        double[] ns = numbers(Cli.run("is", logits, "--no-shuffle"));
        assertThat(ns[0]).isCloseTo(c.get("isc_no_shuffle").get("isc_mean").asDouble(), within(1e-10 * ns[0]));
        double[] one = numbers(Cli.run("is", logits, "--splits", 1));
        assertThat(one[0]).isCloseTo(c.get("isc_splits1").get("isc_mean").asDouble(), within(1e-10 * one[0]));
    }

    @Test
    void kidRefusesSubsetsLargerThanASet() {
        Cli.Result r = Cli.run("kid", TestData.testdata("fid-stats/d2048_n500_real.npy"),
                TestData.testdata("fid-stats/d2048_n500_fake.npy"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("1000").contains("500");
    }

    @Test
    void imageInputsGoThroughTheExtractorNamedInTheJson() throws Exception {
        Path images = TestData.testdata("fid/inputs_b_cifar32.npy");
        TestData.asset("weights/squeezenet1_1-features.pth");
        Cli.Result r = Cli.run("prdc", images, images, "--extractor", "squeezenet", "--k", "3", "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertThat(o.get("extractor").asText()).startsWith("squeezenet");
        // a set against itself: every sample lies in its own ball
        assertThat(o.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(o.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(o.get("coverage").asDouble()).isEqualTo(1.0);
        Cli.Result features = Cli.run("kid", TestData.testdata("fid-stats/d64_real.npy"), TestData.testdata("fid-stats/d64_fake.npy"),
                "--subset-size", 100, "--json");
        assertThat(features.exitCode()).as(features.stderr()).isZero();
        assertThat(features.stdout()).doesNotContain("extractor");
    }
}
