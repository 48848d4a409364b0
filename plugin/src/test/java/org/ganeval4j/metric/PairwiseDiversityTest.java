package org.ganeval4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pairwise-diversity routes against explicit sums over pairs, on synthetic embeddings. */
class PairwiseDiversityTest {
    @TempDir
    Path dir;

    private static float[] embeddings(long seed, int n, int dim) {
        Random r = new Random(seed);
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = (float) (0.01 * (common * (k % 5) + r.nextGaussian()));
            }
        }
        return x;
    }

    private static double explicit(float[] x, int dim, int i, int j, int from, int to, boolean[] negative) {
        double s = 0;
        for (int k = from; k < to; k++) {
            double d = (double) x[i * dim + k] - x[j * dim + k];
            s += negative != null && negative[k] ? -d * d : d * d;
        }
        return s;
    }

    private static DiversityResult run(PairwiseDiversity.Builder b, float[] x, int n, int dim, int batch) throws IOException {
        try (PairwiseDiversity d = b.build()) {
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                float[] part = new float[count * dim];
                System.arraycopy(x, from * dim, part, 0, count * dim);
                d.add(part, count);
            }
            return d.finish();
        }
    }

    @ParameterizedTest(name = "signed={0}")
    @CsvSource({"false", "true"})
    void allPairsEqualTheExplicitSums(boolean signed) throws IOException {
        int n = 37;
        int dim = 500;
        float[] x = embeddings(1, n, dim);
        int[] offsets = {0, 120, 120, 500};
        boolean[] negative = null;
        if (signed) {
            negative = new boolean[dim];
            for (int k = 0; k < dim; k += 7) {
                negative[k] = true;
            }
        }
        DiversityResult r = run(PairwiseDiversity.builder(n, dim).groups(offsets, List.of("a", "empty", "b"))
                .negativeColumns(negative), x, n, dim, 10);
        assertThat(r.route()).isEqualTo(signed ? "brute-force" : "gram");
        int pairs = n * (n - 1) / 2;
        double sum = 0;
        double[] groups = new double[3];
        int[] pi = new int[pairs];
        int[] pj = new int[pairs];
        double[] d = new double[pairs];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int g = 0; g < 3; g++) {
                    groups[g] += explicit(x, dim, i, j, offsets[g], offsets[g + 1], negative);
                }
                d[p] = explicit(x, dim, i, j, 0, dim, negative);
                pi[p] = i;
                pj[p] = j;
                sum += d[p++];
            }
        }
        double mean = sum / pairs;
        assertThat(r.pairs()).isEqualTo(pairs);
        assertThat(r.samples()).isEqualTo(n);
        assertThat(r.mean()).isCloseTo(mean, within(1e-12 * Math.abs(mean)));
        assertThat(r.standardError()).isCloseTo(PairwiseDiversity.standardError(n, pi, pj, d),
                within(1e-9 * r.standardError()));
        double[] gm = r.layerMeans();
        for (int g = 0; g < 3; g++) {
            assertThat(gm[g]).isCloseTo(groups[g] / pairs, within(1e-12 * Math.abs(mean)));
        }
        assertThat(gm[1]).isEqualTo(0.0);
    }

    @Test
    void embeddingsOverTheBudgetSpillToAFileWithTheSameResult() throws IOException {
        int n = 60;
        int dim = 80_000;
        float[] x = embeddings(2, n, dim);
        PairwiseDiversity.Builder inMemory = PairwiseDiversity.builder(n, dim).groups(new int[] {0, 30_000, dim},
                List.of("a", "b"));
        PairwiseDiversity.Builder spilled = PairwiseDiversity.builder(n, dim).groups(new int[] {0, 30_000, dim},
                List.of("a", "b")).memoryBudget(16L << 20).tempDir(dir);
        try (PairwiseDiversity probe = spilled.build()) {
            assertThat(probe.spilled()).isTrue();
            try (var files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(1);
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("close deletes the spill file").isZero();
        }
        DiversityResult a = run(inMemory, x, n, dim, 16);
        DiversityResult b = run(spilled, x, n, dim, 7);
        assertThat(b.mean()).isCloseTo(a.mean(), within(1e-12 * a.mean()));
        assertThat(b.standardError()).isCloseTo(a.standardError(), within(1e-9 * a.standardError()));
        assertThat(b.layerMeans()).containsExactly(a.layerMeans(), within(1e-12 * a.mean()));
        try (var files = Files.list(dir)) {
            assertThat(files.count()).as("finish deletes the spill file").isZero();
        }
    }

    @Test
    void randomPairsAreReproducibleAndExact() throws IOException {
        int n = 40;
        int dim = 64;
        float[] x = embeddings(3, n, dim);
        DiversityResult a = run(PairwiseDiversity.builder(n, dim).pairs(PairSelection.random(100, 7)), x, n, dim, 9);
        DiversityResult b = run(PairwiseDiversity.builder(n, dim).pairs(PairSelection.random(100, 7)), x, n, dim, 40);
        DiversityResult c = run(PairwiseDiversity.builder(n, dim).pairs(PairSelection.random(100, 8)), x, n, dim, 9);
        assertThat(a.route()).isEqualTo("pairs");
        assertThat(a.pairs()).isEqualTo(100);
        assertThat(b.mean()).isEqualTo(a.mean());
        assertThat(b.standardError()).isEqualTo(a.standardError());
        assertThat(c.mean()).isNotEqualTo(a.mean());
        long[] chosen = PairSelection.random(100, 7).choose(n);
        double sum = 0;
        for (long key : chosen) {
            sum += explicit(x, dim, (int) (key / n), (int) (key % n), 0, dim, null);
        }
        assertThat(a.mean()).isCloseTo(sum / 100, within(1e-12 * a.mean()));
        DiversityResult all = run(PairwiseDiversity.builder(n, dim).pairs(PairSelection.random(10_000, 7)), x, n, dim, 9);
        DiversityResult gram = run(PairwiseDiversity.builder(n, dim), x, n, dim, 9);
        assertThat(all.route()).isEqualTo("gram");
        assertThat(all.mean()).isEqualTo(gram.mean());
    }

    @ParameterizedTest(name = "n={0} k={1}")
    @CsvSource({"40, 100", "40, 700", "1000, 5000"})
    void choosePairsGivesDistinctOrderedPairs(int n, int k) {
        long[] p = PairSelection.random(k, 42).choose(n);
        assertThat(p).hasSize(k).isSorted();
        Set<Long> seen = new HashSet<>();
        for (long key : p) {
            assertThat(key / n).isLessThan(key % n);
            assertThat(seen.add(key)).isTrue();
        }
        assertThat(PairSelection.random(k, 42).choose(n)).containsExactly(p);
        assertThat(PairSelection.all().choose(n)).hasSize(n * (n - 1) / 2);
    }

    /**
     * 1-D samples x ~ N(0, 1) with d = (x_i − x_j)²: θ = 2, ζ₁ = Var(X² + 1) = 2, ζ₂ = Var((X−Y)²) = 8,
     * so the all-pairs mean of N samples has variance (4(N−2)ζ₁ + 2ζ₂)/(N(N−1)); the standard error must
     * estimate it without bias, and so must the random-pairs one its own variance.
     */
    @Test
    void theStandardErrorMatchesTheSamplingSpread() throws IOException {
        int n = 30;
        int reps = 1500;
        Random r = new Random(5);
        double sumMean = 0;
        double sumMeanSq = 0;
        double sumVarEst = 0;
        double sumMeanK = 0;
        double sumMeanKSq = 0;
        double sumVarEstK = 0;
        for (int rep = 0; rep < reps; rep++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian();
            }
            DiversityResult all = run(PairwiseDiversity.builder(n, 1), x, n, 1, n);
            sumMean += all.mean();
            sumMeanSq += all.mean() * all.mean();
            sumVarEst += all.standardError() * all.standardError();
            DiversityResult some = run(PairwiseDiversity.builder(n, 1).pairs(PairSelection.random(40, rep)), x, n, 1, n);
            sumMeanK += some.mean();
            sumMeanKSq += some.mean() * some.mean();
            sumVarEstK += some.standardError() * some.standardError();
        }
        double empirical = sumMeanSq / reps - Math.pow(sumMean / reps, 2);
        double theory = (4.0 * (n - 2) * 2 + 2 * 8) / (n * (n - 1.0));
        assertThat(sumMean / reps).isCloseTo(2.0, within(0.05));
        assertThat(empirical).isCloseTo(theory, within(0.1 * theory));
        assertThat(sumVarEst / reps).isCloseTo(theory, within(0.1 * theory));
        double empiricalK = sumMeanKSq / reps - Math.pow(sumMeanK / reps, 2);
        assertThat(sumVarEstK / reps).isCloseTo(empiricalK, within(0.15 * empiricalK));
    }

    @Test
    void badUseIsRefusedWithAClearMessage() throws IOException {
        assertThatThrownBy(() -> PairwiseDiversity.builder(1, 10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 samples, got 1");
        assertThatThrownBy(() -> PairwiseDiversity.builder(20_000, 10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gram")
                .hasMessageContaining("use random pairs");
        assertThatThrownBy(() -> PairwiseDiversity.builder(10, 10).groups(new int[] {0, 5}, List.of("a")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end at dim=10");
        try (PairwiseDiversity d = PairwiseDiversity.builder(3, 2).build()) {
            assertThatThrownBy(() -> d.add(new float[3], 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected 2×2 values, got 3");
            assertThatThrownBy(() -> d.add(new float[] {1, Float.NaN}, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NaN");
            d.add(new float[] {1, 2}, 1);
            assertThatThrownBy(d::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at least 2 samples, got 1");
        }
        try (PairwiseDiversity d = PairwiseDiversity.builder(2, 2).build()) {
            d.add(new float[] {1, 2, 1, 2}, 2);
            assertThatThrownBy(() -> d.add(new float[] {1, 2}, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("2 announced");
            DiversityResult r = d.finish();
            assertThat(r.mean()).isEqualTo(0.0);
            assertThat(r.standardError()).isNaN();
        }
    }
}
