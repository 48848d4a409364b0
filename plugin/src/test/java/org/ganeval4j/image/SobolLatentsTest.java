package org.ganeval4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.ganeval4j.image.internal.NormalQuantile;
import org.ganeval4j.image.internal.Sobol;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link LatentSpec#sobolNormal} and {@link LatentSpec#sobolUniform}: rows are a function of (seed, row index). */
class SobolLatentsTest {
    @Test
    void rowsDependOnSeedAndIndexOnlyWhateverTheBatching() {
        LatentSpec spec = LatentSpec.sobolNormal(100, 5);
        float[] all = spec.latents(0, 40).data().asFloat();
        float[] pieces = new float[40 * 100];
        int from = 0;
        for (int size : new int[] {1, 7, 13, 19}) {
            System.arraycopy(spec.latents(from, size).data().asFloat(), 0, pieces, from * 100, size * 100);
            from += size;
        }
        assertThat(pieces).containsExactly(all);
        assertThat(LatentSpec.sobolNormal(100, 5).latents(0, 40).data().asFloat()).containsExactly(all);
        assertThat(Arrays.equals(LatentSpec.sobolNormal(100, 6).latents(0, 40).data().asFloat(), all)).isFalse();
    }

    @Test
    void normalRowsAreTheInverseCdfOfScrambledSobolPoints() {
        LatentSpec spec = LatentSpec.sobolNormal(8, 11).asConvolutional();
        INDArray z = spec.latents(3, 5);
        assertThat(z.shape()).containsExactly(5, 8, 1, 1);
        double[] u = new double[5 * 8];
        Sobol.scrambled(8, 11).points(3, 5, u);
        float[] expected = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            expected[i] = (float) NormalQuantile.of(u[i]);
        }
        assertThat(z.data().asFloat()).containsExactly(expected);
    }

    @Test
    void uniformRowsLieInTheOpenInterval() {
        float[] z = LatentSpec.sobolUniform(3, 1).latents(0, 512).data().asFloat();
        for (float v : z) {
            assertThat(v).isGreaterThan(-1f).isLessThan(1f);
        }
        // the first 512 points of each coordinate fall one per cell of width 2/512
        for (int j = 0; j < 3; j++) {
            boolean[] seen = new boolean[512];
            for (int i = 0; i < 512; i++) {
                int cell = (int) Math.floor((z[i * 3 + j] + 1.0) / 2.0 * 512);
                assertThat(seen[cell]).isFalse();
                seen[cell] = true;
            }
        }
        assertThat(LatentSpec.sobolUniform(3, 1).distribution().isQuasiRandom()).isTrue();
    }

    @Test
    void refusesMoreThanAThousandDimensions() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> LatentSpec.sobolNormal(1001, 1)).getMessage())
                .contains("1000").contains("1001");
        assertThat(LatentSpec.sobolNormal(1000, 1).latents(0, 2).shape()).containsExactly(2, 1000);
        assertThat(LatentSpec.sobolNormal(1000, 1).withClasses(10).labels(0, 3).shape()).containsExactly(3, 10);
    }
}
