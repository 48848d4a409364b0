package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precision/recall and density/coverage against a brute-force count, with ties, and their input checks. */
class NeighbourhoodMetricsTest {

    /** Counts from direct float64 distances, every pair, written out plainly: {precision, recall, pairs, coverage}. */
    static long[] bruteForce(FeatureMatrix real, FeatureMatrix fake, int k, boolean inclusive) {
        double[] rr = radii(real, k);
        double[] rf = radii(fake, k);
        long precision = 0;
        long pairs = 0;
        boolean[] covered = new boolean[real.rows()];
        boolean[] recalled = new boolean[real.rows()];
        for (int f = 0; f < fake.rows(); f++) {
            boolean in = false;
            for (int y = 0; y < real.rows(); y++) {
                double dist = dist(fake, f, real, y);
                if (inclusive ? dist <= rr[y] : dist < rr[y]) {
                    in = true;
                    pairs++;
                    covered[y] = true;
                }
                if (inclusive ? dist <= rf[f] : dist < rf[f]) {
                    recalled[y] = true;
                }
            }
            precision += in ? 1 : 0;
        }
        long recall = 0;
        long coverage = 0;
        for (int y = 0; y < real.rows(); y++) {
            recall += recalled[y] ? 1 : 0;
            coverage += covered[y] ? 1 : 0;
        }
        return new long[] {precision, recall, pairs, coverage};
    }

    private static double[] radii(FeatureMatrix a, int k) {
        double[] r = new double[a.rows()];
        for (int i = 0; i < a.rows(); i++) {
            double[] d = new double[a.rows() - 1];
            for (int j = 0, t = 0; j < a.rows(); j++) {
                if (j != i) {
                    d[t++] = dist(a, i, a, j);
                }
            }
            Arrays.sort(d);
            r[i] = d[k - 1];
        }
        return r;
    }

    private static double dist(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        double s = 0;
        for (int t = 0; t < a.cols(); t++) {
            double v = (double) a.get(i, t) - b.get(j, t);
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest(name = "levels={0} d={1} k={2}")
    @CsvSource({"2,6,3", "3,8,5", "3,8,3", "4,5,1", "5,12,5"})
    void countsEqualBruteForceOnALatticeFullOfTies(int levels, int d, int k) {
        FeatureMatrix real = Synthetic.lattice(150, d, 11L * levels + d, levels);
        FeatureMatrix fake = Synthetic.lattice(130, d, 17L * levels + k, levels);
        long[] incl = bruteForce(real, fake, k, true);
        long[] strict = bruteForce(real, fake, k, false);
        PrecisionRecallResult pr = PrecisionRecall.builder().k(k).blockRows(37).build().compute(real, fake);
        DensityCoverageResult dc = DensityCoverage.builder().k(k).blockRows(37).build().compute(real, fake);
        assertThat(new long[] {pr.precisionCount(), pr.recallCount()}).containsExactly(incl[0], incl[1]);
        assertThat(new long[] {dc.precisionCount(), dc.recallCount(), dc.densityPairs(), dc.coverageCount()}).containsExactly(strict);
        assertThat(Arrays.equals(incl, strict)).as("ties make ≤ and < differ here").isFalse();
    }

    @Test
    void countsEqualBruteForceOnGaussians() {
        FeatureMatrix real = Synthetic.gaussian(220, 40, 1, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(180, 40, 2, 0.2, 1.1);
        long[] strict = bruteForce(real, fake, 5, false);
        DensityCoverageResult dc = DensityCoverage.defaults().compute(real, fake);
        assertThat(new long[] {dc.precisionCount(), dc.recallCount(), dc.densityPairs(), dc.coverageCount()}).containsExactly(strict);
        long[] incl = bruteForce(real, fake, 3, true);
        PrecisionRecallResult pr = PrecisionRecall.defaults().compute(real, fake);
        assertThat(new long[] {pr.precisionCount(), pr.recallCount()}).containsExactly(incl[0], incl[1]);
    }

    @Test
    void blockSizeNeverChangesTheResult() {
        FeatureMatrix real = Synthetic.gaussian(400, 32, 3, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(350, 32, 4, 0.1, 1);
        DensityCoverageResult whole = DensityCoverage.defaults().compute(real, fake);
        for (int rows : new int[] {1, 7, 64, 1000}) {
            assertThat(DensityCoverage.builder().blockRows(rows).build().compute(real, fake)).isEqualTo(whole);
            assertThat(PrecisionRecall.builder().blockRows(rows).build().compute(real, fake))
                    .isEqualTo(PrecisionRecall.defaults().compute(real, fake));
        }
    }

    @Test
    void identicalSetsAreFullyCovered() {
        FeatureMatrix a = Synthetic.gaussian(120, 16, 5, 0, 1);
        DensityCoverageResult dc = DensityCoverage.defaults().compute(a, a);
        assertThat(dc.coverage()).isEqualTo(1.0);
        PrecisionRecallResult pr = PrecisionRecall.defaults().compute(a, a);
        assertThat(pr.precision()).isEqualTo(1.0);
        assertThat(pr.recall()).isEqualTo(1.0);
        assertThat(pr.fScore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void fScoreIsTorchFidelitys() {
        PrecisionRecallResult r = new PrecisionRecallResult(0.0, 0.0, 0, 0, 10, 10, 4, 3);
        assertThat(r.fScore()).isZero();
        r = new PrecisionRecallResult(0.5, 0.25, 5, 2, 8, 10, 4, 3);
        assertThat(r.fScore()).isEqualTo(2 * 0.5 * 0.25 / 0.75);
    }

    @Test
    void refusesTooFewRowsAndDimensionMismatch() {
        FeatureMatrix five = Synthetic.gaussian(5, 4, 1, 0, 1);
        FeatureMatrix many = Synthetic.gaussian(50, 4, 2, 0, 1);
        assertThatThrownBy(() -> DensityCoverage.defaults().compute(five, many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=5").hasMessageContaining("real set has 5");
        assertThatThrownBy(() -> PrecisionRecall.builder().k(50).build().compute(many, many))
                .hasMessageContaining("k=50").hasMessageContaining("has 50");
        assertThatThrownBy(() -> PrecisionRecall.defaults().compute(many, Synthetic.gaussian(50, 3, 2, 0, 1)))
                .hasMessageContaining("d=4").hasMessageContaining("d=3");
        assertThatThrownBy(() -> PrecisionRecall.builder().k(0).build()).hasMessageContaining("0");
        assertThatThrownBy(() -> DensityCoverage.builder().blockRows(0)).hasMessageContaining("0");
    }

    @Test
    void declareHigherIsBetter() {
        assertThat(PrecisionRecall.defaults().direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(DensityCoverage.defaults().direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(PrecisionRecall.defaults().k()).isEqualTo(3);
        assertThat(DensityCoverage.defaults().k()).isEqualTo(5);
    }
}
