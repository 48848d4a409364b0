package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureReservoirTest {
    private static final int D = 64;
    private static final int N = 50_000;

    /** Rows whose first value is their stream index (exact in float32 below 2²⁴), the rest noise. */
    private static float[] rows(int first, int count, SplittableRandom noise) {
        float[] x = new float[count * D];
        for (int r = 0; r < count; r++) {
            x[r * D] = first + r;
            for (int c = 1; c < D; c++) {
                x[r * D + c] = (float) Synthetic.gaussian(noise);
            }
        }
        return x;
    }

    private static int[] indices(FeatureMatrix m) {
        int[] out = new int[m.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) m.get(i, 0);
        }
        return out;
    }

    @Test
    void fiftyThousandRowsNeverExceedTheBound() {
        int capacity = 2000;
        FeatureReservoir res = FeatureReservoir.builder(capacity, D).seed(1).build();
        SplittableRandom sizes = new SplittableRandom(7);
        SplittableRandom noise = new SplittableRandom(8);
        int fed = 0;
        while (fed < N) {
            int batch = Math.min(N - fed, 1 + sizes.nextInt(700));
            res.add(rows(fed, batch, noise), batch);
            fed += batch;
            assertThat(res.size()).isLessThanOrEqualTo(capacity).isEqualTo((int) Math.min(fed, capacity));
            assertThat(res.allocatedBytes()).isLessThanOrEqualTo(res.maxBytes());
            assertThat(res.seen()).isEqualTo(fed);
        }
        assertThat(res.maxBytes()).isEqualTo(2000L * (64 * 4 + 20));
        FeatureMatrix kept = res.snapshot();
        assertThat(kept.rows()).isEqualTo(capacity);
        // uniform over the stream: every decile holds ~200 rows (chi-square, 9 dof, p ≈ 1e-4 at 33.7)
        int[] decile = new int[10];
        for (int i : indices(kept)) {
            decile[i / (N / 10)]++;
        }
        double chi2 = 0;
        for (int c : decile) {
            chi2 += (c - 200.0) * (c - 200.0) / 200.0;
        }
        assertThat(chi2).isLessThan(33.7);
        assertThat(java.util.Arrays.stream(indices(kept)).distinct().count()).isEqualTo(capacity);
    }

    @Test
    void batchBoundariesDoNotMatter() {
        SplittableRandom noise = new SplittableRandom(3);
        float[] all = rows(0, 5000, noise);
        FeatureReservoir one = FeatureReservoir.builder(300, D).seed(9).build();
        FeatureReservoir many = FeatureReservoir.builder(300, D).seed(9).build();
        one.add(all, 5000);
        for (int r = 0; r < 5000; r += 333) {
            int n = Math.min(333, 5000 - r);
            many.add(FeatureMatrix.of(java.util.Arrays.copyOfRange(all, r * D, (r + n) * D), n, D));
        }
        assertThat(many.snapshot().toArray()).containsExactly(one.snapshot().toArray());
    }

    @Test
    void keepsEveryRowInOrderUpToCapacity() {
        FeatureReservoir res = FeatureReservoir.builder(1000, D).build();
        res.add(rows(0, 700, new SplittableRandom(1)), 700);
        assertThat(indices(res.snapshot())).containsExactly(java.util.stream.IntStream.range(0, 700).toArray());
    }

    @Test
    void mergeIsAUniformSampleOfBothStreams() {
        int capacity = 2000;
        FeatureReservoir a = FeatureReservoir.builder(capacity, D).seed(1).build();
        FeatureReservoir b = FeatureReservoir.builder(capacity, D).seed(1).firstPosition(20_000).build();
        SplittableRandom noise = new SplittableRandom(4);
        float[] first = rows(0, 20_000, noise);
        float[] second = rows(20_000, 30_000, noise);
        a.add(first, 20_000);
        b.add(second, 30_000);
        a.merge(b);
        assertThat(a.seen()).isEqualTo(N);
        assertThat(a.size()).isEqualTo(capacity);
        assertThat(a.allocatedBytes()).isLessThanOrEqualTo(a.maxBytes());
        long fromA = java.util.Arrays.stream(indices(a.snapshot())).filter(i -> i < 20_000).count();
        // hypergeometric: mean 800, sd ≈ 21
        assertThat(fromA).isBetween(800L - 90, 800L + 90);
        assertThat(b.size()).isEqualTo(capacity);
        // exactly what one pass over both streams keeps
        FeatureReservoir one = FeatureReservoir.builder(capacity, D).seed(1).build();
        one.add(first, 20_000);
        one.add(second, 30_000);
        assertThat(a.snapshot().toArray()).containsExactly(one.snapshot().toArray());

        FeatureReservoir small1 = FeatureReservoir.builder(capacity, D).build();
        FeatureReservoir small2 = FeatureReservoir.builder(capacity, D).firstPosition(500).build();
        small1.add(rows(0, 500, noise), 500);
        small2.add(rows(500, 600, noise), 600);
        small1.merge(small2);
        assertThat(indices(small1.snapshot())).containsExactly(java.util.stream.IntStream.range(0, 1100).toArray());
    }

    @Test
    void badBatchesAreRefusedAndChangeNothing() {
        FeatureReservoir res = FeatureReservoir.builder(10, 3).build();
        res.add(new float[] {1, 2, 3}, 1);
        assertThatThrownBy(() -> res.add(new float[] {1, 2, 3, 4, Float.NaN, 6}, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN").hasMessageContaining("row 1").hasMessageContaining("column 1");
        assertThatThrownBy(() -> res.add(new float[] {1, 2, 3, 4}, 2)).hasMessageContaining("6").hasMessageContaining("4");
        assertThatThrownBy(() -> res.add(FeatureMatrix.of(new float[] {1, 2}, 1, 2))).hasMessageContaining("dimension 3")
                .hasMessageContaining("found 2");
        assertThat(res.seen()).isEqualTo(1);
        assertThat(res.snapshot().toArray()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> FeatureReservoir.builder(0, 3).build()).hasMessageContaining("found 0");
        assertThatThrownBy(() -> FeatureReservoir.builder(5, 0).build()).hasMessageContaining("found 0");
        assertThatThrownBy(() -> res.merge(FeatureReservoir.builder(11, 3).build())).hasMessageContaining("capacity 10")
                .hasMessageContaining("capacity 11");
        assertThatThrownBy(() -> res.merge(res)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> res.merge(FeatureReservoir.builder(10, 3).seed(7).build())).hasMessageContaining("seed 2020")
                .hasMessageContaining("seed 7");
        FeatureReservoir same = FeatureReservoir.builder(10, 3).build();
        same.add(new float[] {4, 5, 6}, 1);
        assertThatThrownBy(() -> res.merge(same)).hasMessageContaining("[0, 1)").hasMessageContaining("offered already");
        assertThatThrownBy(() -> res.add(0, new float[] {7, 8, 9}, 1)).hasMessageContaining("offered already");
        assertThat(res.seen()).isEqualTo(1);
        assertThatThrownBy(() -> FeatureReservoir.builder(5, 3).firstPosition(-1).build()).hasMessageContaining("found -1");
    }

    /** The reservoirs feed the sample-based metrics on a stream of batches, in bounded memory. */
    @Test
    void metricsRunOnStreamedReservoirs() {
        FeatureReservoir real = FeatureReservoir.builder(1500, D).seed(1).build();
        FeatureReservoir fake = FeatureReservoir.builder(1500, D).seed(2).build();
        for (int b = 0; b < 50; b++) {
            real.add(Synthetic.gaussian(1000, D, 100 + b, 0, 1));
            fake.add(Synthetic.gaussian(1000, D, 200 + b, 0.5, 1));
        }
        assertThat(real.seen()).isEqualTo(N);
        FeatureMatrix r = real.snapshot();
        FeatureMatrix f = fake.snapshot();
        KidResult kid = KernelInceptionDistance.defaults().compute(r, f);
        // E[MMD²] for N(0, I) vs N(0.5·1, I) under (xᵀy/d + 1)³ is clearly positive
        assertThat(kid.mean()).isGreaterThan(10 * kid.std() / Math.sqrt(kid.subsets()));
        DensityCoverageResult dc = DensityCoverage.defaults().compute(r, f);
        PrecisionRecallResult pr = PrecisionRecall.defaults().compute(r, f);
        assertThat(dc.realRows()).isEqualTo(1500);
        assertThat(pr.fakeRows()).isEqualTo(1500);
        assertThat(dc.coverage()).isBetween(0.0, 1.0);
    }
}
