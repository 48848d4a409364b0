package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ganeval4j.acceptance.HypeFixtures.Images;
import org.ganeval4j.acceptance.HypeFixtures.Tally;
import org.ganeval4j.acceptance.HypeFixtures.Truth;
import org.ganeval4j.cli.internal.hype.HypeConfig;
import org.ganeval4j.cli.internal.hype.HypeImages;
import org.ganeval4j.cli.internal.hype.HypeServer;
import org.ganeval4j.cli.internal.hype.HypeSession;
import org.ganeval4j.metric.HypeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The HYPE page in a real browser (headless Chromium through Selenium): two evaluators play HYPE∞
 * with 20 scored images each (after a tutorial with feedback, a qualification and two attention
 * checks) by keyboard only, and the results page and the report give the numbers their answers make.
 */
class HypeBrowserTest {
    @TempDir
    Path tmp;

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
        try (HypeSession session = new HypeSession(c, pools, dir); HypeBrowser b = HypeBrowser.open(900, 800)) {
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
        Cli.Result r = Cli.run("hype-report", dir);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines().mapToDouble(Double::parseDouble).toArray()).containsExactly(12.5, 10.0, 15.0);
    }
}
