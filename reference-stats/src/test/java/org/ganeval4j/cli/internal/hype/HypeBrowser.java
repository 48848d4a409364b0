package org.ganeval4j.cli.internal.hype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Images;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Policy;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Tally;
import org.ganeval4j.cli.internal.hype.HypeFixtures.Truth;
import org.ganeval4j.testing.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}) driven through Debian's {@code /usr/bin/chromedriver}
 * with Selenium's Java client; nothing is downloaded. Where either is missing the test fails in CI
 * and is skipped elsewhere ({@code .ci/run} installs both).
 */
final class HypeBrowser implements AutoCloseable {
    static final String CHROMIUM = System.getenv().getOrDefault("GANEVAL4J_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("GANEVAL4J_CHROMEDRIVER", "/usr/bin/chromedriver");

    final WebDriver driver;
    private final Path profile;

    private HypeBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A headless Chromium with a fresh profile and a window of the given size. */
    static HypeBrowser open(int width, int height) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            TestData.missing("the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver");
        }
        // Selenium warns that it has no DevTools bindings for this Chromium: they are not used here
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
        Path profile = Files.createTempDirectory("ganeval4j-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new HypeBrowser(new ChromeDriver(service, o), profile);
    }

    /** Waits (30 s at most) until {@code condition} holds, polling every 20 ms; returns its last value. */
    <T> T until(java.util.function.Function<WebDriver, T> condition) {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                T v = condition.apply(driver);
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the page did not get there in 30 s (" + driver.getCurrentUrl() + ")", last);
    }

    /**
     * Plays {@code name} from the welcome page to the end by keyboard only: the name and Enter, then R or
     * F for each image, after looking at it.
     */
    void play(String url, String name, Images images, Policy policy, Tally tally) throws IOException {
        driver.get(url);
        WebElement input = until(d -> d.findElement(By.id("name")));
        until(d -> d.findElement(By.id("display")).getText().contains("Hz"));
        input.clear();
        input.sendKeys(name + "\n");
        int[][] seen = new int[3][3];
        while (true) {
            // one round trip per poll: [done shown, answers enabled, phase, progress, image, feedback]
            List<?> st = until(d -> {
                List<?> v = state();
                return Boolean.TRUE.equals(v.get(0)) || Boolean.TRUE.equals(v.get(1)) ? v : null;
            });
            if (Boolean.TRUE.equals(st.get(0))) {
                break;
            }
            String phaseText = (String) st.get(2);
            String progress = (String) st.get(3);
            String phase = phaseText.startsWith("Tutorial") ? "tutorial" : phaseText.startsWith("Qualification")
                    ? "qualification" : "main";
            int ph = Tally.phaseIndex(phase);
            Truth truth = images.classify((String) st.get(4));
            boolean fake = policy.judgedFake(truth, phase, seen[ph][truth.ordinal()]++);
            if (ph == 2) {
                tally.count(truth, fake);
            }
            new Actions(driver).sendKeys(fake ? "f" : "r").perform();
            if (ph == 0) {
                String want = truth == Truth.REAL ? "it was real" : "it was generated";
                until(d -> String.valueOf(state().get(5)).contains(want));
            }
            until(d -> {
                List<?> v = state();
                return Boolean.TRUE.equals(v.get(0))
                        || (Boolean.TRUE.equals(v.get(1)) && !(phaseText.equals(v.get(2)) && progress.equals(v.get(3))));
            });
        }
        assertThat(driver.findElement(By.id("done-message")).getText()).contains(name);
    }

    private List<?> state() {
        return (List<?>) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const $ = (i) => document.getElementById(i);"
                + "return [!$('done').hidden, !$('trial').hidden && !$('answer-real').disabled, $('phase').textContent,"
                + " $('progress').textContent, $('image').getAttribute('src'), $('feedback').textContent];");
    }

    /** The PNG screenshot of the window. */
    byte[] screenshot() {
        return ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var s = Files.walk(profile)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a profile left in the temporary folder
            }
        }
    }

    static List<String> texts(WebDriver d, String... ids) {
        return java.util.Arrays.stream(ids).map(id -> d.findElement(By.id(id)).getText()).toList();
    }
}
