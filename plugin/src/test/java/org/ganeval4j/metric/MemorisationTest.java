package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.internal.NearestNeighbours;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exact blocked nearest neighbours (against every pair computed directly, and scipy's cdist), the
 * memory plan for 50,000 × 2,048 features, and the memorisation check: generated samples that are
 * copies of training rows are found, exactly those, with their partners.
 */
class MemorisationTest {
    /** ReLU-like features with a few exact duplicates and near-ties. */
    static float[] features(long seed, int n, int d) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(0, r.nextGaussian());
        }
        for (int i = 0; i < n; i++) {
            v[i * d] += 0.01f; // no zero rows
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(NearestNeighbours.Metric.class)
    void blockedSearchEqualsEveryPairComputedDirectly(NearestNeighbours.Metric metric) {
        int d = 9;
        int nb = 53;
        int nq = 31;
        float[] base = features(1, nb, d);
        System.arraycopy(base, 4 * d, base, 40 * d, d); // a duplicate: ties go to the lower index
        float[] query = features(2, nq, d);
        System.arraycopy(base, 40 * d, query, 3 * d, d);
        for (int i = 0; i < d; i++) {
            query[7 * d + i] = 2 * base[11 * d + i]; // same direction: cosine distance (about) 0
        }
        for (boolean loo : new boolean[] {false, true}) {
            float[] q = loo ? base : query;
            int n = loo ? nb : nq;
            NearestNeighbours.Result r = NearestNeighbours.nearest(q, n, base, nb, d, metric, loo,
                    new NearestNeighbours.Plan(7, 5, d));
            for (int i = 0; i < n; i++) {
                int best = -1;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < nb; j++) {
                    if (loo && j == i) {
                        continue;
                    }
                    double v = NearestNeighbours.exact(q, i, base, j, d, metric);
                    if (v < min) {
                        min = v;
                        best = j;
                    }
                }
                assertThat(r.index()[i]).as("%s loo=%s row %d", metric, loo, i).isEqualTo(best);
                assertThat(r.distance()[i]).isEqualTo(min);
            }
            if (!loo) {
                assertThat(r.index()[3]).as("duplicate rows 4 and 40: the lower index").isEqualTo(4);
                assertThat(r.distance()[3]).isEqualTo(0.0);
            } else {
                assertThat(r.index()[40]).isEqualTo(4);
                assertThat(r.index()[4]).isEqualTo(40);
            }
            assertThat(r.workingBytes()).isEqualTo(new NearestNeighbours.Plan(7, 5, d).bytes());
        }
    }

    @Test
    void cosineDistancesEqualScipy(@TempDir Path tmp) throws Exception {
        int d = 64;
        float[] a = features(3, 40, d);
        float[] b = features(4, 50, d);
        Path fa = tmp.resolve("a.npy");
        Path fb = tmp.resolve("b.npy");
        Path out = tmp.resolve("d.npy");
        Npy.write(NpyArray.ofFloats(a, 40, d), fa);
        Npy.write(NpyArray.ofFloats(b, 50, d), fb);
        Python.check("""
                import sys, numpy as np
                from scipy.spatial.distance import cdist
                a = np.load(sys.argv[1]).astype(np.float64); b = np.load(sys.argv[2]).astype(np.float64)
                D = cdist(a, b, 'cosine'); i = D.argmin(1)
                np.save(sys.argv[3], np.stack([i, D[np.arange(len(a)), i]]))
                """, fa.toString(), fb.toString(), out.toString());
        double[] want = Npy.read(out).toDoubleArray();
        NearestNeighbours.Result r = NearestNeighbours.nearest(a, 40, b, 50, d, NearestNeighbours.Metric.COSINE, false,
                NearestNeighbours.Plan.forBudget(40, 50, d, 1 << 20));
        for (int i = 0; i < 40; i++) {
            assertThat(r.index()[i]).isEqualTo((int) want[i]);
            assertThat(r.distance()[i]).isCloseTo(want[40 + i], org.assertj.core.data.Offset.offset(1e-13));
        }
    }

    @Test
    void memoryForFiftyThousandByTwoThousandFeaturesIsBoundedByThePlan() {
        long budget = NearestNeighbours.DEFAULT_BUDGET_BYTES;
        NearestNeighbours.Plan plan = NearestNeighbours.Plan.forBudget(50_000, 50_000, 2048, budget);
        assertThat(plan.bytes()).isLessThanOrEqualTo(budget);
        assertThat(plan.blockRows()).isBetween(1000, 50_000 - 1);
        assertThat(plan.tileRows()).isEqualTo(plan.blockRows());
        // the blocks do not grow with the number of rows
        assertThat(NearestNeighbours.Plan.forBudget(500_000, 5_000_000, 2048, budget)).isEqualTo(plan);
        Memorisation m = Memorisation.defaults();
        assertThat(m.workingBytes(50_000, 50_000, 2048)).isEqualTo(plan.bytes()).isLessThan(50_000L * 50_000 * 8);
        assertThat(Memorisation.builder().memoryBudget(16L << 20).build().workingBytes(50_000, 50_000, 2048))
                .isLessThanOrEqualTo(16L << 20);
        // a search allocates exactly the planned blocks
        float[] x = features(5, 300, 2048);
        NearestNeighbours.Plan small = NearestNeighbours.Plan.forBudget(300, 300, 2048, 1 << 20);
        assertThat(small.blockRows()).isLessThan(300);
        NearestNeighbours.Result r = NearestNeighbours.nearest(x, 300, x, 300, 2048, NearestNeighbours.Metric.COSINE, true,
                small);
        assertThat(r.workingBytes()).isEqualTo(small.bytes()).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void copiesOfTrainingRowsAreFoundWithTheirPartners() {
        int d = 48;
        int nTrain = 400;
        int nGen = 120;
        float[] train = features(10, nTrain, d);
        float[] gen = features(11, nGen, d);
        int[] copies = {3, 17, 18, 64, 99, 119};
        int[] partners = {250, 0, 399, 17, 123, 250};
        for (int k = 0; k < copies.length; k++) {
            System.arraycopy(train, partners[k] * d, gen, copies[k] * d, d);
        }
        Memorisation m = Memorisation.builder().threshold(1e-9).pairs(8).memoryBudget(1 << 20).build();
        MemorisationResult r = m.compute(FeatureMatrix.of(train, nTrain, d), FeatureMatrix.of(gen, nGen, d));
        assertThat(r.flagged()).containsExactly(copies);
        for (int k = 0; k < copies.length; k++) {
            assertThat(r.nearest()[copies[k]]).isEqualTo(partners[k]);
            assertThat(r.distances()[copies[k]]).isEqualTo(0.0);
        }
        assertThat(Arrays.copyOf(r.closest(), copies.length)).containsExactly(copies);
        assertThat(r.closest()).hasSize(8);
        assertThat(r.fraction()).isEqualTo(copies.length / (double) nGen);
        assertThat(r.realFraction()).as("leave-one-out train distances: no duplicates").isZero();
        assertThat(r.heldOut()).isFalse();
        assertThat(r.realDistances()).hasSize(nTrain);

        // the default threshold: the 0.01 quantile of the real distances; a copying generator exceeds it by far
        MemorisationResult q = Memorisation.defaults().compute(FeatureMatrix.of(train, nTrain, d),
                FeatureMatrix.of(gen, nGen, d));
        assertThat(q.realFraction()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(0.0051));
        assertThat(q.fraction()).isGreaterThanOrEqualTo(copies.length / (double) nGen);
        // generated samples from the training distribution, no copies: Z near 0; with many copies: very negative
        float[] honest = features(12, nGen, d);
        double zHonest = Memorisation.defaults().compute(FeatureMatrix.of(train, nTrain, d),
                FeatureMatrix.of(honest, nGen, d)).z();
        float[] copying = new float[nGen * d];
        for (int i = 0; i < nGen; i++) {
            System.arraycopy(train, (i * 3) * d, copying, i * d, d);
        }
        double zCopying = Memorisation.defaults().compute(FeatureMatrix.of(train, nTrain, d),
                FeatureMatrix.of(copying, nGen, d)).z();
        assertThat(Math.abs(zHonest)).isLessThan(3);
        assertThat(zCopying).isLessThan(-10);
    }

    @Test
    void heldOutRealDistancesAndTheMannWhitneyStatisticMatchScipy(@TempDir Path tmp) throws Exception {
        double[] x = {0.1, 0.4, 0.4, 0.9, 0.05, 0.3};
        double[] y = {0.2, 0.4, 0.5, 0.7, 0.3, 0.8, 0.6};
        String out = Python.check("""
                from scipy.stats import mannwhitneyu
                print(repr(float(mannwhitneyu([0.1, 0.4, 0.4, 0.9, 0.05, 0.3], [0.2, 0.4, 0.5, 0.7, 0.3, 0.8, 0.6]).statistic)))
                """);
        assertThat(Memorisation.mannWhitneyU(x, y)).isEqualTo(Double.parseDouble(out.trim()));

        int d = 16;
        float[] train = features(20, 200, d);
        float[] held = features(21, 50, d);
        MemorisationResult r = Memorisation.defaults().compute(FeatureMatrix.of(train, 200, d), FeatureMatrix.of(held, 50, d),
                FeatureMatrix.of(features(22, 30, d), 30, d));
        assertThat(r.heldOut()).isTrue();
        assertThat(r.realDistances()).hasSize(50);
        NearestNeighbours.Result direct = NearestNeighbours.nearest(held, 50, train, 200, d, NearestNeighbours.Metric.COSINE,
                false, new NearestNeighbours.Plan(50, 200, d));
        assertThat(r.realDistances()).containsExactly(direct.distance());
    }

    @Test
    void badInputIsRefusedNamingIt() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Memorisation.builder().threshold(3).build())
                .getMessage()).contains("[0, 2]").contains("3.0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Memorisation.builder().thresholdQuantile(1.5).build())
                .getMessage()).contains("1.5");
        float[] zero = new float[4 * 3];
        zero[0] = 1;
        zero[3] = 1;
        zero[6] = 1;
        assertThat(assertThrows(ArithmeticException.class, () -> Memorisation.defaults().compute(
                FeatureMatrix.of(zero, 4, 3), FeatureMatrix.of(new float[] {1, 2, 3}, 1, 3))).getMessage())
                .contains("zero feature vector").contains("row 3");
        assertThat(assertThrows(IllegalArgumentException.class, () -> FeatureDistance.paired(
                FeatureMatrix.of(new float[6], 2, 3), FeatureMatrix.of(new float[3], 1, 3), FeatureDistance.Kind.COSINE))
                .getMessage()).contains("2 × 3").contains("1 × 3");
    }

    @Test
    void pairedFeatureDistancesEqualScipy(@TempDir Path tmp) throws Exception {
        int d = 32;
        float[] a = features(30, 12, d);
        float[] b = features(31, 12, d);
        Path fa = tmp.resolve("a.npy");
        Path fb = tmp.resolve("b.npy");
        Npy.write(NpyArray.ofFloats(a, 12, d), fa);
        Npy.write(NpyArray.ofFloats(b, 12, d), fb);
        String out = Python.check("""
                import sys, numpy as np
                from scipy.spatial.distance import euclidean, cosine
                a = np.load(sys.argv[1]).astype(np.float64); b = np.load(sys.argv[2]).astype(np.float64)
                for x, y in zip(a, b):
                    print(repr(float(euclidean(x, y))), repr(float(cosine(x, y))))
                """, fa.toString(), fb.toString());
        String[] lines = out.strip().split("\n");
        double[] e = FeatureDistance.paired(FeatureMatrix.of(a, 12, d), FeatureMatrix.of(b, 12, d), FeatureDistance.Kind.EUCLIDEAN);
        double[] c = FeatureDistance.paired(FeatureMatrix.of(a, 12, d), FeatureMatrix.of(b, 12, d), FeatureDistance.Kind.COSINE);
        for (int k = 0; k < 12; k++) {
            String[] f = lines[k].trim().split(" ");
            assertThat(e[k]).isCloseTo(Double.parseDouble(f[0]), org.assertj.core.data.Offset.offset(1e-12 * e[k]));
            assertThat(c[k]).isCloseTo(Double.parseDouble(f[1]), org.assertj.core.data.Offset.offset(1e-14));
        }
        assertThat(FeatureDistance.Kind.fromId("Cosine")).isEqualTo(FeatureDistance.Kind.COSINE);
    }
}
