package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganeval4j.cli.CliRun;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Images;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Tally;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Truth;
import org.ganeval4j.metric.HypeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The HYPE page in a real browser (headless Chromium through Selenium): two evaluators play HYPE∞
 * with 20 scored images each (after a tutorial with feedback, a qualification and two attention
 * checks) by keyboard only, and the results page and the report give the numbers their answers make.
 */
class HypeBrowserTest {
    private static HypeBrowser browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = HypeBrowser.open(900, 800);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void twoEvaluatorsPlayHypeInfinityByKeyboard() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 30, 30);
        HypeImages pools = img.pools();
        HypeConfig c = HypeFixtures.config(HypeResult.Mode.INFINITY, 20, 1, 2, 4, 2, 5, pools);
        Path dir = tmp.resolve("session");
        Files.createDirectories(dir);
        c.write(dir);
        Tally ann = new Tally();
        Tally bob = new Tally();
        HypeBrowser b = browser;
        try (HypeSession session = new HypeSession(c, pools, dir)) {
            HypeServer server = HypeServer.start(session, 0, false);
            try {
                // ann calls 2 of 10 generated images real; bob 2 of 10 real images fake and 1 generated one real
                b.play(server.evaluatorUrl(), "ann", img, (t, phase, k) -> phase.equals("main") && t == Truth.FAKE && k % 5 == 0
                        ? false : t != Truth.REAL, ann);
                b.play(server.evaluatorUrl(), "bob", img, (t, phase, k) -> {
                    boolean right = t != Truth.REAL;
                    boolean wrong = phase.equals("main") && (t == Truth.REAL && k % 4 == 3 || t == Truth.FAKE && k == 9);
                    return wrong != right;
                }, bob);
                assertThat(ann.reals + ann.fakes).isEqualTo(20);
                assertThat(bob.reals + bob.fakes).isEqualTo(20);
                assertThat(ann.checks).isEqualTo(2);
                assertThat(ann.fakeErrors + ann.realErrors).isEqualTo(2);
                assertThat(bob.fakeErrors + bob.realErrors).isEqualTo(3);

                b.driver.get(server.resultsUrl());
                // 5 errors in 40 judgments; 3 of 20 generated images judged real, 2 of 20 real images judged fake;
                // ann 10%, bob 15%: with two evaluators the 95% interval runs from one to the other
                assertThat(HypeBrowser.texts(b.driver, "score", "ci-low", "ci-high", "fake-error", "real-error"))
                        .containsExactly("12.5%", "10.0", "15.0", "15.0%", "10.0%");
                assertThat(b.driver.findElements(By.cssSelector("#evaluators tbody tr"))).hasSize(2);

                JsonNode j = HypeFixtures.get(server.resultsUrl().replace("results?", "api/report?")).json();
                double expected = 100.0 * (ann.fakeErrors + ann.realErrors + bob.fakeErrors + bob.realErrors) / 40;
                assertThat(j.get("score").asDouble()).isCloseTo(expected, within(1e-12)).isEqualTo(12.5);
                assertThat(j.get("evaluators_scored").asInt()).isEqualTo(2);
                assertThat(j.get("evaluators").get(0).get("frame_ms").asDouble()).isBetween(1.0, 100.0);
                assertThat(j.get("evaluators").get(0).get("mean_rt_ms").asDouble()).isPositive();
            } finally {
                server.close();
            }
        }
        CliRun.Result r = CliRun.run("hype-report", dir);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines().mapToDouble(Double::parseDouble).toArray()).containsExactly(12.5, 10.0, 15.0);
    }

    @Test
    void hypeTimeFlashesImagesForWholeFrames() throws Exception {
        Images img = HypeFixtures.write(Files.createDirectories(tmp.resolve("img")), 12, 12);
        HypeImages pools = img.pools();
        HypeConfig c = HypeFixtures.config(HypeResult.Mode.TIME, 8, 1, 0, 0, 1, 5, pools);
        Path dir = tmp.resolve("time");
        Files.createDirectories(dir);
        c.write(dir);
        Tally t = new Tally();
        try (HypeSession session = new HypeSession(c, pools, dir)) {
            HypeServer server = HypeServer.start(session, 0, false);
            try {
                browser.play(server.evaluatorUrl(), "ann", img, (truth, phase, k) -> truth != Truth.REAL, t);
                JsonNode j = HypeFixtures.get(server.resultsUrl().replace("results?", "api/report?")).json();
                // all right: the staircase shows 500, 500, 500, 470, 470, 470, 440, 440 ms (the check does not move it);
                // 500 and 470 are both shown 3 times, so the modal exposure is their mean
                assertThat(j.get("metric").asText()).isEqualTo("HYPE-time");
                assertThat(j.get("evaluators_scored").asInt()).isEqualTo(1);
                assertThat(j.get("score").asDouble()).isEqualTo(485);
            } finally {
                server.close();
            }
        }
        for (String line : Files.readAllLines(dir.resolve(org.ganeval4j.cli.internal.hype.TrialLog.FILE))) {
            JsonNode o = HypeFixtures.JSON.readTree(line);
            double frame = o.get("frame_ms").asDouble();
            assertThat(frame).isBetween(1.0, 100.0);
            assertThat(o.get("frames").asInt()).isEqualTo((int) Math.round(o.get("exposure_ms").asDouble() / frame));
            // the page measured how long the image was up (rAF timestamps), a whole number of frames or more
            assertThat(o.get("shown_ms").asDouble()).isPositive();
        }
        assertThat(t.checks).isEqualTo(1);
        assertThat(t.reals + t.fakes).isEqualTo(8);
    }
}
