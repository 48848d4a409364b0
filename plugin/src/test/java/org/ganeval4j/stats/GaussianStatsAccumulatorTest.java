package org.ganeval4j.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GaussianStatsAccumulatorTest {
    private static final int N = 300;
    private static final int D = 17;

    /** Features with a large common offset, which naive one-pass sums would get wrong. */
    private static double[] features(long seed) {
        Random r = new Random(seed);
        double[] x = new double[N * D];
        for (int i = 0; i < N; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < D; j++) {
                x[i * D + j] = 1000.0 + j + 0.3 * common + r.nextGaussian() * (1 + j % 3);
            }
        }
        return x;
    }

    private static GaussianStats inBatches(double[] x, int batch) {
        GaussianStatsAccumulator acc = new GaussianStatsAccumulator(D);
        for (int from = 0; from < N; from += batch) {
            int to = Math.min(N, from + batch);
            acc.add(java.util.Arrays.copyOfRange(x, from * D, to * D), to - from);
        }
        return acc.toStats(StatsProvenance.unknown());
    }

    private static void assertClose(GaussianStats a, GaussianStats b, double rel) {
        assertThat(a.count()).isEqualTo(b.count());
        double[] ma = a.mean(), mb = b.mean(), ca = a.covariance(), cb = b.covariance();
        for (int i = 0; i < ma.length; i++) {
            assertThat(ma[i]).isCloseTo(mb[i], within(rel * Math.abs(mb[i]) + 1e-12));
        }
        double scale = 0;
        for (double v : cb) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ca.length; i++) {
            assertThat(ca[i]).isCloseTo(cb[i], within(rel * scale));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 299, 300})
    void batchSizeDoesNotChangeTheResult(int batch) {
        double[] x = features(1);
        assertClose(inBatches(x, batch), inBatches(x, N), 1e-12);
    }

    @Test
    void shuffledRowsGiveTheSameStatistics() {
        double[] x = features(2);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        double[] y = new double[x.length];
        for (int i = 0; i < N; i++) {
            System.arraycopy(x, order.get(i) * D, y, i * D, D);
        }
        assertClose(inBatches(y, 13), inBatches(x, 50), 1e-12);
    }

    @Test
    void mergeEqualsASinglePass() {
        double[] x = features(4);
        GaussianStatsAccumulator a = new GaussianStatsAccumulator(D);
        GaussianStatsAccumulator b = new GaussianStatsAccumulator(D);
        GaussianStatsAccumulator empty = new GaussianStatsAccumulator(D);
        a.add(java.util.Arrays.copyOfRange(x, 0, 100 * D), 100);
        b.add(java.util.Arrays.copyOfRange(x, 100 * D, N * D), N - 100);
        a.merge(empty);
        a.merge(b);
        empty.merge(a);
        assertClose(a.toStats(StatsProvenance.unknown()), inBatches(x, N), 1e-12);
        assertClose(empty.toStats(StatsProvenance.unknown()), inBatches(x, N), 1e-12);
    }

    /** Serialized halfway (as Spark ships a partition's accumulator), it continues and merges exactly as the original. */
    @Test
    void serializedItContinuesAndMergesExactlyAsTheOriginal() throws Exception {
        double[] x = features(8);
        GaussianStatsAccumulator a = new GaussianStatsAccumulator(D);
        a.add(java.util.Arrays.copyOfRange(x, 0, 120 * D), 120);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(a);
            out.writeObject(new GaussianStatsAccumulator(D));
        }
        GaussianStatsAccumulator copy;
        GaussianStatsAccumulator emptyCopy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (GaussianStatsAccumulator) in.readObject();
            emptyCopy = (GaussianStatsAccumulator) in.readObject();
        }
        assertThat(copy.count()).isEqualTo(120);
        assertThat(emptyCopy.count()).isZero();
        double[] rest = java.util.Arrays.copyOfRange(x, 120 * D, N * D);
        a.add(rest, N - 120);
        copy.add(rest, N - 120);
        emptyCopy.merge(copy);
        GaussianStats expected = a.toStats(StatsProvenance.unknown());
        assertThat(copy.toStats(StatsProvenance.unknown())).isEqualTo(expected);
        assertThat(emptyCopy.toStats(StatsProvenance.unknown())).isEqualTo(expected);
    }

    @Test
    void float32AndFloat64NdArraysAgreeToFloatNoise() {
        double[] x = features(5);
        GaussianStatsAccumulator a = new GaussianStatsAccumulator(D);
        a.add(Nd4j.create(x, new long[] {N, D}, DataType.DOUBLE));
        GaussianStatsAccumulator b = new GaussianStatsAccumulator(D);
        b.add(Nd4j.create(x, new long[] {N, D}, DataType.DOUBLE).castTo(DataType.FLOAT));
        GaussianStatsAccumulator c = new GaussianStatsAccumulator(D);
        c.add(Nd4j.create(x, new long[] {N, D}, DataType.DOUBLE).castTo(DataType.HALF).castTo(DataType.FLOAT)
                .castTo(DataType.HALF));
        assertClose(a.toStats(StatsProvenance.unknown()), inBatches(x, 10), 1e-13);
        assertClose(b.toStats(StatsProvenance.unknown()), inBatches(x, 10), 1e-5);
        assertThat(c.count()).isEqualTo(N);
    }

    @Test
    void matchesNumpyCov(@TempDir Path dir) throws Exception {
        double[] x = features(6);
        Path f = dir.resolve("x.npy");
        Npy.write(NpyArray.ofDoubles(x, N, D), f);
        Path out = dir.resolve("ref.npy");
        Python.check("import numpy as np,sys; x=np.load(sys.argv[1]);"
                + "np.save(sys.argv[2], np.concatenate([x.mean(0)[None,:], np.cov(x, rowvar=False)]))",
                f.toString(), out.toString());
        double[] ref = Npy.read(out).toDoubleArray();
        GaussianStats s = inBatches(x, 32);
        double[] mu = s.mean(), cov = s.covariance();
        for (int j = 0; j < D; j++) {
            assertThat(mu[j]).isCloseTo(ref[j], within(1e-12 * Math.abs(ref[j])));
        }
        for (int i = 0; i < D * D; i++) {
            assertThat(cov[i]).isCloseTo(ref[D + i], within(1e-10));
        }
    }

    @Test
    void rejectsBadInput() {
        GaussianStatsAccumulator acc = new GaussianStatsAccumulator(3);
        assertThatThrownBy(() -> acc.add(new double[] {1, 2}, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1×3 = 3 values, got 2");
        assertThatThrownBy(() -> acc.add(new double[] {1, Double.NaN, 3}, 1))
                .hasMessageContaining("finite").hasMessageContaining("NaN");
        assertThatThrownBy(() -> acc.add(Nd4j.zeros(2, 4))).hasMessageContaining("[N, 3]");
        acc.add(new double[] {1, 2, 3}, 1);
        assertThatThrownBy(() -> acc.toStats(StatsProvenance.unknown())).isInstanceOf(IllegalStateException.class)
                .hasMessage("statistics need at least 2 samples, got 1");
        assertThatThrownBy(() -> new GaussianStatsAccumulator(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
