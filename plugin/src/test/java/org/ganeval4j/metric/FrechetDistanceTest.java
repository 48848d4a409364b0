package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Random;
import org.ganeval4j.io.FileFormatException;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.Npz;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsFile;
import org.ganeval4j.stats.StoredStats;
import org.ganeval4j.stats.StatsProvenance;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrechetDistanceTest {
    private static final StatsProvenance U = StatsProvenance.unknown();

    private static GaussianStats diagonal(double[] mean, double[] var) {
        int d = mean.length;
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            c[i * d + i] = var[i];
        }
        return new GaussianStats(mean, c, 0, U);
    }

    @Test
    void unitCovariancesAndShiftedMeansGiveD() {
        int d = 2048;
        double[] zero = new double[d];
        double[] one = new double[d];
        double[] var = new double[d];
        java.util.Arrays.fill(one, 1);
        java.util.Arrays.fill(var, 1);
        FrechetResult r = FrechetDistance.compute(diagonal(zero, var), diagonal(one, var));
        assertThat(r.value()).isCloseTo(2048.0, within(2048.0 * 1e-9));
        assertThat(r.clippedEigenvalues()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1,5", "2,64", "3,300"})
    void diagonalCovariancesGiveTheClosedForm(long seed, int d) {
        Random r = new Random(seed);
        double[] ma = new double[d], mb = new double[d], va = new double[d], vb = new double[d];
        double expected = 0;
        for (int i = 0; i < d; i++) {
            ma[i] = r.nextGaussian();
            mb[i] = r.nextGaussian();
            va[i] = Math.exp(r.nextGaussian());
            vb[i] = i % 7 == 0 ? 0 : Math.exp(r.nextGaussian());
            expected += Math.pow(Math.sqrt(va[i]) - Math.sqrt(vb[i]), 2) + Math.pow(ma[i] - mb[i], 2);
        }
        assertThat(FrechetDistance.compute(diagonal(ma, va), diagonal(mb, vb)).value())
                .isCloseTo(expected, within(1e-10 * expected));
        // singular first argument: the pivoted Cholesky has rank < d
        FrechetResult ab = FrechetDistance.compute(diagonal(ma, va), diagonal(mb, vb));
        FrechetResult ba = FrechetDistance.compute(diagonal(mb, vb), diagonal(ma, va));
        assertThat(ba.value()).isCloseTo(expected, within(1e-10 * expected));
        // seen from the other side: the terms of d(B, A) are those of d(A, B) with the traces exchanged
        FrechetResult swapped = ba.swapped();
        assertThat(swapped.traceA()).isEqualTo(ba.traceB()).isCloseTo(ab.traceA(), within(1e-10 * ab.traceA()));
        assertThat(swapped.traceB()).isEqualTo(ba.traceA()).isCloseTo(ab.traceB(), within(1e-10 * ab.traceB()));
        assertThat(swapped.value()).isEqualTo(ba.value());
        assertThat(swapped.meanTerm()).isEqualTo(ba.meanTerm());
        assertThat(swapped.traceSqrtProduct()).isEqualTo(ba.traceSqrtProduct());
        assertThat(swapped.swapped()).isEqualTo(ba);
    }

    static FeatureMatrix randomFeatures(long seed, int n, int d, double shift) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (shift + common * (j % 5) * 0.2 + r.nextGaussian() * (1 + (j % 3)));
            }
        }
        return FeatureMatrix.of(v, n, d);
    }

    @ParameterizedTest
    @CsvSource({"30,40,64", "50,20,64", "100,90,80", "200,200,64"})
    void everyRouteGivesTheSameDistance(int na, int nb, int d) {
        FeatureMatrix a = randomFeatures(na, na, d, 0);
        FeatureMatrix b = randomFeatures(nb + 1000, nb, d, 0.3);
        GaussianStats sa = a.toStats(U);
        GaussianStats sb = b.toStats(U);
        double full = FrechetDistance.compute(sa, sb).value();
        double fullSwapped = FrechetDistance.compute(sb, sa).value();
        FrechetResult lowRank = FrechetDistance.compute(sa, b);
        FrechetResult both = FrechetDistance.compute(a, b);
        // rank-deficient covariances (N < d) leave near-zero eigenvalues whose square roots carry
        // float64 noise of ~1e-9 relative; full-rank cases agree to round-off
        double tol = (Math.min(na, nb) < d ? 1e-8 : 1e-10) * full;
        assertThat(fullSwapped).isCloseTo(full, within(tol));
        assertThat(lowRank.value()).isCloseTo(full, within(tol));
        assertThat(both.value()).isCloseTo(full, within(tol));
        if (nb < d) {
            assertThat(lowRank.route()).isEqualTo(FrechetResult.Route.LOW_RANK);
        }
        if (Math.min(na, nb) < d) {
            assertThat(both.route()).isEqualTo(FrechetResult.Route.LOW_RANK_BOTH);
        }
        try (FrechetDistance.Reference ref = FrechetDistance.reference(sa)) {
            assertThat(ref.distanceTo(b).value()).isCloseTo(full, within(tol));
            assertThat(ref.distanceTo(sb).value()).isCloseTo(full, within(tol));
            assertThat(ref.distanceTo(sa).value()).isCloseTo(0.0, within(1e-9 * sa.traceCovariance()));
        }
    }

    @Test
    void matchesScipySqrtmOnRandomStatistics(@TempDir Path dir) throws Exception {
        int d = 50;
        GaussianStats a = randomFeatures(1, 400, d, 0).toStats(U);
        GaussianStats b = randomFeatures(2, 300, d, 0.5).toStats(U);
        Path fa = dir.resolve("a.npy");
        Path fb = dir.resolve("b.npy");
        Npy.write(NpyArray.ofDoubles(a.covariance(), d, d), fa);
        Npy.write(NpyArray.ofDoubles(b.covariance(), d, d), fb);
        String out = Python.check("import numpy as np,sys,scipy.linalg as L; a=np.load(sys.argv[1]); b=np.load(sys.argv[2]);"
                + "print(repr(float(np.trace(L.sqrtm(a@b)).real)))", fa.toString(), fb.toString());
        double expected = Double.parseDouble(out.strip());
        assertThat(FrechetDistance.compute(a, b).traceSqrtProduct()).isCloseTo(expected, within(1e-10 * expected));
    }

    @Test
    void errorsNameWhatWasExpectedAndFound() {
        GaussianStats a = diagonal(new double[3], new double[] {1, 1, 1});
        GaussianStats b = diagonal(new double[2], new double[] {1, 1});
        assertThatThrownBy(() -> FrechetDistance.compute(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dimension mismatch: A has d=3, B has d=2");
        FeatureMatrix one = FeatureMatrix.of(new float[] {1, 2, 3}, 1, 3);
        assertThatThrownBy(() -> FrechetDistance.compute(a, one)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FID needs at least 2 samples, got 1");
        assertThatThrownBy(() -> new GaussianStats(new double[2], new double[3], 0, U))
                .hasMessageContaining("covariance must be d×d = 2×2");
        assertThatThrownBy(() -> new GaussianStats(new double[] {0, 0}, new double[] {1, Double.NaN, Double.NaN, 1}, 0, U))
                .hasMessageContaining("covariance must be finite, found NaN at [0, 1]");
        GaussianStats indefinite = new GaussianStats(new double[2], new double[] {1, 2, 2, 1}, 0, U);
        GaussianStats negativeVariance = new GaussianStats(new double[2], new double[] {1, 0, 0, -5}, 0, U);
        GaussianStats unit2 = diagonal(new double[2], new double[] {1, 1});
        assertThatThrownBy(() -> FrechetDistance.compute(unit2, negativeVariance)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("variance Σ[1,1] = -5.0");
        assertThatThrownBy(() -> FrechetDistance.compute(a.dim() == 2 ? a : diagonal(new double[2], new double[] {1, 1}),
                indefinite)).isInstanceOf(ArithmeticException.class).hasMessageContaining("positive semi-definite");
    }

    @ParameterizedTest
    @CsvSource({"400,300,50", "30,300,50", "300,40,50", "30,40,64", "700,600,260", "100,600,260"})
    void statsLeftInTheirFilesGiveExactlyTheDistanceOfStatsOnTheHeap(int na, int nb, int d, @TempDir Path dir)
            throws Exception {
        GaussianStats a = randomFeatures(na, na, d, 0).toStats(U);
        GaussianStats b = randomFeatures(nb + 7, nb, d, 0.4).toStats(U);
        Path fa = dir.resolve("a.npz");
        Path fb = dir.resolve("b.npz");
        StatsFile.write(fa, a);
        StatsFile.write(fb, b);
        FrechetResult heap = FrechetDistance.compute(a, b);
        FrechetResult stored = FrechetDistance.compute(StatsFile.open(fa, d), StatsFile.open(fb, d));
        assertThat(stored).isEqualTo(heap);
        assertThat(FrechetDistance.compute(StatsFile.open(fb, d), StatsFile.open(fa, d)))
                .isEqualTo(FrechetDistance.compute(b, a));
        // the two-factor route (both full rank) against pytorch-fid's way, scipy's sqrtm
        if (Math.min(na, nb) > d && d <= 64) {
            Path ca = dir.resolve("ca.npy");
            Path cb = dir.resolve("cb.npy");
            Npy.write(NpyArray.ofDoubles(a.covariance(), d, d), ca);
            Npy.write(NpyArray.ofDoubles(b.covariance(), d, d), cb);
            double expected = Double.parseDouble(Python.check("import numpy as np,sys,scipy.linalg as L;"
                    + "print(repr(float(np.trace(L.sqrtm(np.load(sys.argv[1])@np.load(sys.argv[2]))).real)))",
                    ca.toString(), cb.toString()).strip());
            assertThat(stored.traceSqrtProduct()).isCloseTo(expected, within(1e-10 * expected));
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void aBadCovarianceOnEitherSideIsReportedWithItsFile(boolean badFirst, @TempDir Path dir) throws Exception {
        int d = 300;
        GaussianStats good = randomFeatures(5, 400, d, 0).toStats(U);
        double[] sigma = good.covariance();
        sigma[7 * d + 11] += 1;
        Path fg = dir.resolve("good.npz");
        Path fbad = dir.resolve("bad.npz");
        StatsFile.write(fg, good);
        Npz.write(fbad, java.util.Map.of("mu", NpyArray.ofDoubles(good.mean(), d),
                "sigma", NpyArray.ofDoubles(sigma, d, d)), false);
        StoredStats g = StatsFile.open(fg, d);
        StoredStats bad = StatsFile.open(fbad, d);
        assertThatThrownBy(() -> FrechetDistance.compute(badFirst ? bad : g, badFirst ? g : bad))
                .isInstanceOf(FileFormatException.class).hasMessageStartingWith(fbad.toString())
                .hasMessageContaining("covariance must be symmetric, found Σ[7,11]");
    }
}
