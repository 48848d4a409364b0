package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.ganeval4j.cli.CliRun;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Images;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Tally;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Truth;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.HypeResult;
import org.ganeval4j.sink.MetricHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ganeval4j hype-report} on a session played over HTTP: the score and its interval, the JSON
 * table, the score appended to a training run's history beside FID; and the one-line errors of
 * {@code hype} and {@code hype-report}.
 */
class HypeCliTest {
    @TempDir
    Path tmp;

    /** Plays ann (2 of 6 fakes wrong) and bob (1 of 6 reals wrong) through a session in {@code dir}; returns both tallies. */
    private Tally[] session(Path dir, Images img, int players) throws Exception {
        HypeImages pools = img.pools();
        HypeConfig c = HypeFixtures.config(HypeResult.Mode.INFINITY, 12, 1, 2, 4, 2, 11, pools);
        Files.createDirectories(dir);
        c.write(dir);
        Tally[] t = {new Tally(), new Tally()};
        try (HypeSession s = new HypeSession(c, pools, dir)) {
            HypeServer server = HypeServer.start(s, 0, false);
            try {
                String[] names = {"ann", "bob"};
                for (int i = 0; i < players; i++) {
                    int who = i;
                    HypeFixtures.play(server.evaluatorUrl(), names[i], img, (truth, phase, seen) -> {
                        boolean fake = truth != Truth.REAL;
                        boolean wrong = phase.equals("main") && (who == 0 ? truth == Truth.FAKE && seen % 3 == 0
                                : truth == Truth.REAL && seen == 5);
                        return wrong != fake;
                    }, t[i], players == 0 ? 0 : 1000);
                }
                if (players == 0) {
                    HypeFixtures.play(server.evaluatorUrl(), "zed", img, (truth, phase, seen) -> truth != Truth.REAL,
                            new Tally(), 3);
                }
            } finally {
                server.close();
            }
        }
        return t;
    }

    @Test
    void reportPrintsTheScoreAndItsInterval() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        Path dir = tmp.resolve("s");
        Tally[] t = session(dir, img, 2);
        assertThat(t[0].fakeErrors).isEqualTo(2);
        assertThat(t[1].realErrors).isEqualTo(1);
        CliRun.Result r = CliRun.run("hype-report", dir);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        double[] v = r.stdout().lines().mapToDouble(Double::parseDouble).toArray();
        // 3 errors in 24 judgments; ann 2/12, bob 1/12: with two evaluators the interval runs from one to the other
        assertThat(v).hasSize(3);
        assertThat(v[0]).isCloseTo(12.5, within(1e-12));
        assertThat(v[1]).isCloseTo(100.0 / 12, within(1e-12));
        assertThat(v[2]).isCloseTo(200.0 / 12, within(1e-12));

        CliRun.Result j = CliRun.run("hype-report", dir, "--json", "--replicates", "500", "--seed", "4");
        assertThat(j.exitCode()).as(j.stderr()).isZero();
        JsonNode o = HypeFixtures.JSON.readTree(j.stdout());
        assertThat(o.get("metric").asText()).isEqualTo("HYPE-infinity");
        assertThat(o.get("direction").asText()).isEqualTo("higher_is_better");
        assertThat(o.get("score").asDouble()).isEqualTo(12.5);
        assertThat(o.get("fake_error_percent").asDouble()).isCloseTo(100.0 * 2 / 12, within(1e-12));
        assertThat(o.get("real_error_percent").asDouble()).isCloseTo(100.0 / 12, within(1e-12));
        assertThat(o.get("bootstrap_replicates").asInt()).isEqualTo(500);
        assertThat(o.get("evaluators")).hasSize(2);
        assertThat(o.get("evaluators").get(0).get("errors").asInt()).isEqualTo(2);
        assertThat(o.get("evaluators").get(0).get("qualification_real_percent").asDouble()).isEqualTo(100);
        assertThat(o.get("protocol").get("images").asInt()).isEqualTo(12);
    }

    @Test
    void scoreIsAppendedToARunsHistoryBesideFid() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        Path dir = tmp.resolve("s");
        session(dir, img, 2);
        Path run = tmp.resolve("run");
        MetricHistory h = MetricHistory.open(run);
        h.accept(new Evaluation(300, 2, List.of(MetricResult.ok("FD-SqueezeNet", 41.5, Double.NaN,
                Direction.LOWER_IS_BETTER, 250, 300, 2, 3.0, "squeezenet/pool_512@antialias")), null));

        CliRun.Result r = CliRun.run("hype-report", dir, "--append-to", run);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("appended HYPE-infinity = 12.50% at iteration 300");
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(run.resolve(MetricHistory.CSV))).getRecords();
        assertThat(rows).hasSize(2);
        CSVRecord hype = rows.get(1);
        assertThat(hype.get("metric")).isEqualTo("HYPE-infinity");
        assertThat(Double.parseDouble(hype.get("value"))).isEqualTo(12.5);
        assertThat(hype.get("direction")).isEqualTo("higher_is_better");
        assertThat(hype.get("iteration")).isEqualTo("300");
        assertThat(hype.get("samples")).isEqualTo("24");
        assertThat(hype.get("extractor")).isEqualTo("human:2-evaluators");
        assertThat(Double.parseDouble(hype.get("std"))).isPositive();
        assertThat(MetricHistory.read(run)).extracting(MetricResult::name).containsExactly("FD-SqueezeNet", "HYPE-infinity");
        assertThat(run.resolve("chart-HYPE-infinity.png")).isNotEmptyFile();

        // the same score again is not a second row; another iteration is
        assertThat(CliRun.run("hype-report", dir, "--append-to", run).stderr()).contains("not appended again");
        assertThat(MetricHistory.read(run)).hasSize(2);
        assertThat(CliRun.run("hype-report", dir, "--append-to", run, "--iteration", "600").exitCode()).isZero();
        assertThat(MetricHistory.read(run).get(2).iteration()).isEqualTo(600);
    }

    @Test
    void reportErrorsAreOneLine() throws Exception {
        CliRun.Result none = CliRun.run("hype-report", tmp);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr().lines()).hasSize(1).first().asString().contains("no HYPE session");
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        Path dir = tmp.resolve("s");
        session(dir, img, 0);
        CliRun.Result early = CliRun.run("hype-report", dir);
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.stderr().lines()).hasSize(1).first().asString()
                .contains("no evaluator has completed the session yet (1 in progress, 0 excluded)");
        assertThat(CliRun.run("hype-report", tmp.resolve("missing")).exitCode()).isEqualTo(2);
    }

    @Test
    void hypeRefusesBadInputInOneLine() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        Path zip = Files.write(tmp.resolve("best-generator.zip"), new byte[] {'P', 'K', 3, 4});
        assertOneLine(CliRun.run("hype", img.real(), zip, "--out", tmp.resolve("a")), zip + ": not a");

        Path small = tmp.resolve("small.npy");
        Npy.write(NpyArray.ofUint8(new byte[4 * 3 * 8 * 8], 4, 3, 8, 8), small);
        assertOneLine(CliRun.run("hype", img.real(), small, "--out", tmp.resolve("b")), "REAL images are 16×16 and FAKE images 8×8");
        assertOneLine(CliRun.run("hype", img.real(), img.fake(), "--out", tmp.resolve("c"), "--images", "7"), "even number");
        assertOneLine(CliRun.run("hype", img.real(), img.fake(), "--out", tmp.resolve("d"), "--images", "100"),
                "each evaluator sees");
        assertOneLine(CliRun.run("hype", img.real(), img.fake(), "--out", tmp.resolve("e"), "--mode", "fast"),
                "--mode must be infinity or time");

        // a folder that holds a session resumes it with its own options, and refuses others
        Path dir = tmp.resolve("s");
        HypeImages pools = img.pools();
        Files.createDirectories(dir);
        HypeFixtures.config(HypeResult.Mode.INFINITY, 12, 1, 2, 4, 2, 11, pools).write(dir);
        assertOneLine(CliRun.run("hype", img.real(), img.fake(), "--out", dir, "--images", "10"),
                "holds a session started with --images 12, not 10");
        assertOneLine(CliRun.run("hype", img.real(), img.fake(), "--out", dir, "--mode", "time"),
                "holds a session started with --mode infinity");
        assertOneLine(CliRun.run("hype", img.fake(), img.real(), "--out", dir, "--seed", "11"),
                "are not the images the session");
        assertThat(HypeConfig.read(dir).images()).isEqualTo(12);
    }

    private static void assertOneLine(CliRun.Result r, String message) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().lines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).contains(message);
    }
}
