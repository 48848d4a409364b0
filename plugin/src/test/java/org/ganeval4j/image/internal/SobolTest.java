package org.ganeval4j.image.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.Python;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Sobol' generator against scipy: the unscrambled points of every
 * {@code infinity/sobol_unscrambled_d*_n1024.npy} and of scipy run here for other dimensions and
 * indices, bit for bit; the scrambled points keep the stratification of the first 2^k points, are
 * never 0, and depend on the seed only.
 */
class SobolTest {
    private static final Pattern FILE = Pattern.compile("sobol_unscrambled_d(\\d+)_n(\\d+)\\.npy");

    @Test
    void unscrambledPointsEqualEveryReferenceFile() throws IOException {
        Path dir = TestData.testdata("infinity");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "sobol_unscrambled_d*_n*.npy")) {
            ds.forEach(files::add);
        }
        assertThat(files).as("reference files in %s", dir).isNotEmpty();
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            assertThat(m.matches()).as(f.toString()).isTrue();
            int d = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            NpyArray expected = Npy.read(f);
            assertThat(expected.shape()).as(f.toString()).containsExactly(n, d);
            double[] actual = new double[n * d];
            Sobol.unscrambled(d).points(0, n, actual);
            assertBitForBit(actual, expected.toDoubleArray(), d, f.getFileName().toString());
        }
    }

    @Test
    void unscrambledPointsEqualScipyForOtherDimensionsAndIndices(@TempDir Path tmp) throws Exception {
        int[] dims = {1, 3, 37, 1000};
        // per dimension: the first 300 points, then 5 points after fast-forwarding to index 10,003
        Python.check("""
                import sys, numpy as np
                from scipy.stats import qmc
                for d in map(int, sys.argv[1].split(",")):
                    head = qmc.Sobol(d, scramble=False).random(300)
                    s = qmc.Sobol(d, scramble=False)
                    s.fast_forward(10003)
                    np.save("%s/d%d.npy" % (sys.argv[2], d), np.concatenate([head, s.random(5)]))
                """, Arrays.stream(dims).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(",")),
                tmp.toString());
        for (int d : dims) {
            double[] expected = Npy.read(tmp.resolve("d" + d + ".npy")).toDoubleArray();
            Sobol sobol = Sobol.unscrambled(d);
            double[] head = new double[300 * d];
            sobol.points(0, 300, head);
            double[] tail = new double[5 * d];
            sobol.points(10003, 5, tail);
            assertBitForBit(head, Arrays.copyOf(expected, 300 * d), d, "d=" + d + ", points 0..299");
            assertBitForBit(tail, Arrays.copyOfRange(expected, 300 * d, 305 * d), d, "d=" + d + ", points 10003..10007");
            assertThat(sobol.point(10005)).containsExactly(Arrays.copyOfRange(tail, 2 * d, 3 * d));
        }
    }

    /** Compares element by element (AssertJ's array comparison is slow for 500k values), naming the first difference. */
    private static void assertBitForBit(double[] actual, double[] expected, int d, String what) {
        assertThat(actual.length).as(what + ": values").isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            if (Double.doubleToLongBits(actual[i]) != Double.doubleToLongBits(expected[i])) {
                assertThat(actual[i]).as("%s: point %d, coordinate %d", what, i / d, i % d).isEqualTo(expected[i]);
            }
        }
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {1, 5, 1000})
    void scrambledPointsAreStratifiedAndNeverZero(int d) {
        int n = 1024;
        double[] u = new double[n * d];
        Sobol.scrambled(d, 42).points(0, n, u);
        for (int k = 0; k <= 10; k++) {
            int cells = 1 << k;
            for (int j = 0; j < d; j++) {
                boolean[] seen = new boolean[cells];
                for (int i = 0; i < cells; i++) {
                    double x = u[i * d + j];
                    int cell = (int) Math.floor(x * cells);
                    assertThat(seen[cell]).as("k=%d, coordinate %d, point %d (%s) in an occupied cell", k, j, i, x).isFalse();
                    seen[cell] = true;
                }
            }
        }
        assertThat(Arrays.stream(u).min().orElseThrow()).as("smallest value").isGreaterThan(0.0);
        assertThat(Arrays.stream(u).max().orElseThrow()).as("largest value").isLessThan(1.0);
        assertThat(Arrays.copyOf(u, d)).as("first point").isNotEqualTo(new double[d]);
    }

    @Test
    void theSeedMakesScrambledPointsReproducible() {
        double[] a = new double[64 * 10];
        double[] b = new double[64 * 10];
        double[] c = new double[64 * 10];
        Sobol.scrambled(10, 7).points(0, 64, a);
        Sobol.scrambled(10, 7).points(0, 64, b);
        Sobol.scrambled(10, 8).points(0, 64, c);
        assertThat(a).containsExactly(b);
        assertThat(Arrays.equals(a, c)).as("seeds 7 and 8 give different points").isFalse();
        double[] later = new double[3 * 10];
        Sobol.scrambled(10, 7).points(61, 3, later);
        assertThat(later).as("points 61..63 computed directly").containsExactly(Arrays.copyOfRange(a, 610, 640));
    }

    @Test
    void refusesDimensionsAndIndicesOutOfRange() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Sobol.unscrambled(1001)).getMessage())
                .contains("[1, 1000]").contains("1001");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Sobol.scrambled(0, 1)).getMessage()).contains("0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Sobol.unscrambled(2).point(-1)).getMessage())
                .contains("-1");
    }

    @Test
    void normalQuantileMatchesScipyNdtri(@TempDir Path tmp) throws Exception {
        List<Double> ps = new ArrayList<>(List.of(1e-300, 1e-100, 1e-20, 1e-16, 2.2e-16, 1e-10, 1e-5, 0.001, 0.01, 0.02425,
                0.075, 0.0750000001, 0.5 - 0.425, 0.5 + 0.425, 0.3, 0.5, 0.5 + 1e-12, 0.7, 0.975, 0.999, 1 - 1e-10,
                1 - 1e-16, Math.nextDown(1.0), Double.MIN_VALUE));
        Sobol s = Sobol.scrambled(1, 3);
        double[] u = new double[4000];
        s.points(0, 4000, u);
        for (double x : u) {
            ps.add(x);
        }
        double[] p = ps.stream().mapToDouble(Double::doubleValue).toArray();
        Path in = tmp.resolve("p.npy");
        Path out = tmp.resolve("x.npy");
        Npy.write(NpyArray.ofDoubles(p, p.length), in);
        Python.check("import sys, numpy as np; from scipy.special import ndtri;"
                + " np.save(sys.argv[2], ndtri(np.load(sys.argv[1])))", in.toString(), out.toString());
        double[] expected = Npy.read(out).toDoubleArray();
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double x = NormalQuantile.of(p[i]);
            double rel = expected[i] == 0 ? Math.abs(x) : Math.abs(x - expected[i]) / Math.abs(expected[i]);
            worst = Math.max(worst, rel);
            assertThat(rel).as("Φ⁻¹(%s) = %s, ndtri %s", p[i], x, expected[i]).isLessThanOrEqualTo(2e-15);
        }
        assertThat(worst).isLessThanOrEqualTo(2e-15);
        assertThat(NormalQuantile.of(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalQuantile.of(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NormalQuantile.of(1.5)).isNaN();
    }
}
