package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.ganeval4j.io.Npy;
import org.ganeval4j.io.NpyArray;
import org.ganeval4j.metric.internal.LegacyNumpyRandom;
import org.ganeval4j.testing.Python;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelInceptionDistanceTest {
    @TempDir
    Path dir;

    /** The formula written out with loops over the same subsets. */
    private static double[] naive(FeatureMatrix real, FeatureMatrix fake, int subsets, int m, long seed) {
        LegacyNumpyRandom rng = new LegacyNumpyRandom(seed);
        int d = real.cols();
        double[] out = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            int[] fi = rng.choiceWithoutReplacement(fake.rows(), m);
            int[] ri = rng.choiceWithoutReplacement(real.rows(), m);
            double xx = 0;
            double yy = 0;
            double xy = 0;
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < m; b++) {
                    double gxx = 0;
                    double gyy = 0;
                    double gxy = 0;
                    for (int t = 0; t < d; t++) {
                        gxx += (double) fake.get(fi[a], t) * fake.get(fi[b], t);
                        gyy += (double) real.get(ri[a], t) * real.get(ri[b], t);
                        gxy += (double) fake.get(fi[a], t) * real.get(ri[b], t);
                    }
                    if (a != b) {
                        xx += Math.pow(gxx / d + 1, 3);
                        yy += Math.pow(gyy / d + 1, 3);
                    }
                    xy += Math.pow(gxy / d + 1, 3);
                }
            }
            out[s] = (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 256L << 20})
    void bothRoutesEqualTheFormulaWrittenOut(long cacheBytes) {
        FeatureMatrix real = Synthetic.gaussian(40, 7, 1, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(33, 7, 2, 0.3, 1.2);
        KidResult r = KernelInceptionDistance.builder().subsets(5).subsetSize(12).kernelCacheBytes(cacheBytes).build()
                .compute(real, fake);
        double[] expected = naive(real, fake, 5, 12, 2020);
        double[] ours = r.perSubset();
        for (int i = 0; i < expected.length; i++) {
            assertThat(ours[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-13 * (1 + Math.abs(expected[i]))));
        }
        assertThat(r.mean()).isCloseTo(java.util.Arrays.stream(expected).average().orElseThrow(),
                org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void cachedAndPerSubsetRoutesAgree() {
        FeatureMatrix real = Synthetic.gaussian(1300, 96, 3, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(1100, 96, 4, 0.05, 1);
        KernelInceptionDistance.Builder b = KernelInceptionDistance.builder().subsets(20).subsetSize(1000);
        double[] cached = b.kernelCacheBytes(1L << 30).build().compute(real, fake).perSubset();
        double[] direct = b.kernelCacheBytes(0).build().compute(real, fake).perSubset();
        for (int i = 0; i < cached.length; i++) {
            assertThat(cached[i]).isCloseTo(direct[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /** An unseen shape (N_fake ≠ N_real, both larger than the subset) against the algorithm in NumPy. */
    @Test
    void matchesTheAlgorithmInNumpy() throws Exception {
        FeatureMatrix real = Synthetic.gaussian(260, 24, 5, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(310, 24, 6, 0.1, 1.1);
        Npy.write(NpyArray.ofFloats(real.toArray(), real.rows(), real.cols()), dir.resolve("real.npy"));
        Npy.write(NpyArray.ofFloats(fake.toArray(), fake.rows(), fake.cols()), dir.resolve("fake.npy"));
        String out = Python.check("import numpy as np,sys\n"
                + "r=np.load(sys.argv[1]).astype(np.float64); f=np.load(sys.argv[2]).astype(np.float64)\n"
                + "rng=np.random.RandomState(77); m=200; d=r.shape[1]; v=[]\n"
                + "for _ in range(30):\n"
                + "  x=f[rng.choice(len(f), m, replace=False)]; y=r[rng.choice(len(r), m, replace=False)]\n"
                + "  k=lambda a,b: (a @ b.T / d + 1) ** 3\n"
                + "  kxx=k(x,x); kyy=k(y,y); kxy=k(x,y)\n"
                + "  v.append((kxx.sum()-np.trace(kxx)+kyy.sum()-np.trace(kyy))/(m*(m-1)) - 2*kxy.sum()/m**2)\n"
                + "print(repr(float(np.mean(v))), repr(float(np.std(v))))",
                dir.resolve("real.npy").toString(), dir.resolve("fake.npy").toString());
        String[] parts = out.strip().split(" ");
        KidResult r = KernelInceptionDistance.builder().subsets(30).subsetSize(200).seed(77).build().compute(real, fake);
        assertThat(r.mean()).isCloseTo(Double.parseDouble(parts[0]), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.std()).isCloseTo(Double.parseDouble(parts[1]), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void refusesSubsetsLargerThanASetNamingBothNumbers() {
        FeatureMatrix real = Synthetic.gaussian(1200, 4, 1, 0, 1);
        FeatureMatrix fake = Synthetic.gaussian(700, 4, 2, 0, 1);
        assertThatThrownBy(() -> KernelInceptionDistance.defaults().compute(real, fake))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000").hasMessageContaining("700")
                .hasMessageContaining("fake");
    }

    @Test
    void refusesDimensionMismatch() {
        assertThatThrownBy(() -> KernelInceptionDistance.builder().subsetSize(5).build()
                .compute(Synthetic.gaussian(10, 4, 1, 0, 1), Synthetic.gaussian(10, 5, 1, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d=4").hasMessageContaining("d=5");
    }

    @Test
    void builderRefusesWhatCouldNeverWork() {
        assertThatThrownBy(() -> KernelInceptionDistance.builder().subsets(0).build()).hasMessageContaining("subsets=0");
        assertThatThrownBy(() -> KernelInceptionDistance.builder().subsetSize(1).build()).hasMessageContaining("subsetSize=1");
        assertThatThrownBy(() -> KernelInceptionDistance.builder().seed(-3).build()).hasMessageContaining("-3");
        assertThatThrownBy(() -> KernelInceptionDistance.builder().degree(0).build()).hasMessageContaining("0");
        assertThatThrownBy(() -> KernelInceptionDistance.builder().gamma(-1).build()).hasMessageContaining("-1");
        assertThatThrownBy(() -> KernelInceptionDistance.builder().kernelCacheBytes(-1)).hasMessageContaining("-1");
    }

    @Test
    void declaresLowerIsBetterAndReportsItsParameters() {
        KidResult r = KernelInceptionDistance.builder().subsets(3).subsetSize(10).build()
                .compute(Synthetic.gaussian(20, 8, 1, 0, 1), Synthetic.gaussian(15, 8, 2, 0, 1));
        assertThat(KernelInceptionDistance.defaults().direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(r.direction().minimize()).isTrue();
        assertThat(r.gamma()).isEqualTo(1.0 / 8);
        assertThat(r.realRows()).isEqualTo(20);
        assertThat(r.fakeRows()).isEqualTo(15);
        assertThat(r.perSubset()).hasSize(3);
        assertThat(r.asMap()).containsOnlyKeys("kernel_inception_distance_mean", "kernel_inception_distance_std");
    }
}
