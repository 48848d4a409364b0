package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganeval4j.acceptance.Cli.assertBadInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.io.Npz;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4 of the foundation issue: bad input gives one clear line on stderr and exit code 2,
 * never a stack trace (without --verbose).
 */
class FidBadInputTest {
    @TempDir
    Path dir;

    private Path stats(String name, double[] mu, double[] sigma, int d) throws Exception {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        if (mu != null) {
            m.put("mu", NpyArray.ofDoubles(mu, mu.length));
        }
        m.put("sigma", NpyArray.ofDoubles(sigma, d, d));
        Path f = dir.resolve(name);
        Npz.write(f, m, true);
        return f;
    }

    @Test
    void mismatchedDimensions() {
        assertBadInput(Cli.run("fid", TestData.testdata("fid-stats/d768_stats_real.npz"),
                TestData.testdata("fid-stats/d64_real.npy")), "dimension mismatch", "d=768", "d=64");
    }

    @Test
    void nanInACovariance() throws Exception {
        double[] sigma = {1, 0, 0, Double.NaN};
        Path bad = stats("nan.npz", new double[2], sigma, 2);
        Path good = stats("good.npz", new double[2], new double[] {1, 0, 0, 1}, 2);
        assertBadInput(Cli.run("fid", good, bad), "nan.npz", "covariance must be finite", "NaN", "[1, 1]");
    }

    @Test
    void truncatedNpz() throws Exception {
        byte[] all = Files.readAllBytes(TestData.testdata("fid-stats/d768_stats_real.npz"));
        Path t = dir.resolve("truncated.npz");
        Files.write(t, Arrays.copyOf(all, all.length / 3));
        assertBadInput(Cli.run("fid", t, TestData.testdata("fid-stats/d768_stats_fake.npz")), "truncated.npz",
                "truncated or corrupt");
    }

    @Test
    void corruptNpz() throws Exception {
        byte[] all = Files.readAllBytes(TestData.testdata("fid-stats/d768_stats_real.npz"));
        for (int i = 1000; i < 1100; i++) {
            all[i] ^= (byte) 0x5A;
        }
        Path c = dir.resolve("corrupt.npz");
        Files.write(c, all);
        assertBadInput(Cli.run("fid", c, TestData.testdata("fid-stats/d768_stats_fake.npz")), "corrupt.npz");
    }

    @Test
    void missingMu() throws Exception {
        Path f = stats("nomu.npz", null, new double[] {1, 0, 0, 1}, 2);
        assertBadInput(Cli.run("fid", f, f), "nomu.npz", "'mu'", "found [sigma]");
    }

    @Test
    void oneRowFeatureMatrix() throws Exception {
        Path one = dir.resolve("one.npy");
        Npy.write(NpyArray.ofFloats(new float[] {1, 2, 3}, 1, 3), one);
        Path two = dir.resolve("two.npy");
        Npy.write(NpyArray.ofFloats(new float[] {1, 2, 3, 3, 2, 1}, 2, 3), two);
        assertBadInput(Cli.run("fid", two, one), "at least 2 samples, got 1");
    }

    @Test
    void missingFileAndWrongExtension() throws Exception {
        assertBadInput(Cli.run("fid", dir.resolve("nope.npz"), dir.resolve("nope2.npz")), "no such file", "nope.npz");
        Path txt = dir.resolve("x.txt");
        Files.writeString(txt, "hi");
        assertBadInput(Cli.run("fid", txt, txt), "expected a .npz statistics file or a .npy feature matrix");
    }

    @Test
    void conflictingMetadataIsRefusedUnlessForced() throws Exception {
        double[] sigma = {1, 0, 0, 1};
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        StatsFile.write(a, new GaussianStats(new double[2], sigma, 10,
                new StatsProvenance("fid-inception", "pool_2048", 2, null, "pytorch", null, null)));
        StatsFile.write(b, new GaussianStats(new double[] {1, 1}, sigma, 10,
                new StatsProvenance("fid-inception", "pool_2048", 2, null, "clean", null, null)));
        assertBadInput(Cli.run("fid", a, b), "resize mode: pytorch vs clean", "a.npz", "b.npz", "--force");
        Cli.Result forced = Cli.run("fid", a, b, "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(Double.parseDouble(forced.stdout().strip())).isEqualTo(2.0);
    }

    @Test
    void usageErrorsAreOneLineToo() {
        Path real = TestData.testdata("fid-stats/d768_stats_real.npz");
        assertBadInput(Cli.run("fid", real, real, "--bogus"), "--bogus", "ganeval4j fid --help");
        assertBadInput(Cli.run("fid", TestData.testdata("fid-stats/d768_stats_real.npz")), "B", "ganeval4j fid --help");
    }

    @Test
    void inspectShowsKeysShapesAndMetadata() throws Exception {
        Path a = dir.resolve("s.npz");
        StatsFile.write(a, new GaussianStats(new double[2], new double[] {1, 0, 0, 1}, 10,
                new StatsProvenance("squeezenet", "pool_512", 2, null, "pytorch", "mnist", null)));
        Cli.Result r = Cli.run("inspect", a);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("mu").contains("<f8").contains("[2,2]").contains("extractor")
                .contains("squeezenet").contains("mnist");
    }
}
