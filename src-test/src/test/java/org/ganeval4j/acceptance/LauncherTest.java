package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reference-stats/target/ganeval4j}, the launcher the README puts on the PATH: it runs the jar
 * beside it with the class-data-sharing archive made at build time, through a symbolic link too, and
 * answers as {@code java -jar} does.
 */
class LauncherTest {
    @Test
    void theLauncherAnswersAsTheJarDoesAndItsArchiveMaps(@TempDir Path dir) throws Exception {
        Path launcher = Cli.jar().resolveSibling("ganeval4j");
        assertThat(launcher).isExecutable();
        assertThat(Cli.jar().resolveSibling("ganeval4j.jsa")).as("the archive made by `mvn package`").isRegularFile();
        Path a = TestData.testdata("fid-stats/d768_stats_real.npz");
        Path b = TestData.testdata("fid-stats/d768_stats_fake.npz");
        Cli.Result jar = Cli.runJar("fid", a, b, "--json");
        assertThat(jar.exitCode()).as(jar.stderr()).isZero();
        // -Xshare:on: the JVM refuses to start unless the archive maps (same JVM, class path and jar)
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xshare:on");
        Cli.Result launched = Cli.runProcess(List.of(launcher, "fid", a, b, "--json"), env);
        assertThat(launched.exitCode()).as(launched.stderr()).isZero();
        assertThat(launched.stdout()).isEqualTo(jar.stdout());
        assertThat(launched.stderr()).isEmpty();

        Path link = Files.createSymbolicLink(dir.resolve("ganeval4j"), launcher);
        Cli.Result version = Cli.runProcess(List.of(link, "--version"), env);
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("ganeval4j ");

        Cli.Result bad = Cli.runProcess(List.of(link, "fid", a, dir.resolve("missing.npz")), env);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).isEqualTo("ganeval4j: no such file: " + dir.resolve("missing.npz"));
    }
}
