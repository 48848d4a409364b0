package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InceptionScoreTest {

    @Test
    void oneSplitDoesNotDependOnRowOrderOrShuffleSeed() {
        FeatureMatrix logits = Synthetic.gaussian(300, 50, 9, 0, 3);
        double a = InceptionScore.builder().splits(1).shuffle(false).build().compute(logits).mean();
        double b = InceptionScore.builder().splits(1).shuffle(true).seed(5).build().compute(logits).mean();
        assertThat(b).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-12 * a));
    }

    @Test
    void liesBetweenOneAndTheNumberOfClasses() {
        InceptionScoreResult r = InceptionScore.defaults().compute(Synthetic.gaussian(200, 20, 3, 0, 5));
        assertThat(r.mean()).isBetween(1.0, 20.0);
        for (double s : r.perSplit()) {
            assertThat(s).isBetween(1.0, 20.0);
        }
    }

    @Test
    void splitsFollowIntegerDivision() {
        // 23 rows in 10 splits: [0,2) [2,4) [4,6) [6,9) ... sizes 2 or 3; one-hot rows give IS = split size
        int n = 23;
        float[] x = new float[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = 60;
        }
        InceptionScoreResult r = InceptionScore.builder().shuffle(false).build().compute(FeatureMatrix.of(x, n, n));
        double[] expected = new double[10];
        for (int s = 0; s < 10; s++) {
            expected[s] = (s + 1) * n / 10 - s * n / 10;
        }
        for (int s = 0; s < 10; s++) {
            assertThat(r.perSplit()[s]).isCloseTo(expected[s], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void underflowingProbabilitiesCountAsZero() {
        float[] x = {0, 2000, 0, 0, 2000, 0};
        InceptionScoreResult r = InceptionScore.builder().splits(1).shuffle(false).build().compute(FeatureMatrix.of(x, 2, 3));
        assertThat(r.mean()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void refusesFewerRowsThanSplits() {
        assertThatThrownBy(() -> InceptionScore.defaults().compute(Synthetic.gaussian(7, 5, 1, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10").hasMessageContaining("7");
        assertThatThrownBy(() -> InceptionScore.builder().splits(0).build()).hasMessageContaining("splits=0");
        assertThatThrownBy(() -> InceptionScore.builder().seed(1L << 32).build()).hasMessageContaining("4294967296");
    }

    @Test
    void declaresHigherIsBetter() {
        assertThat(InceptionScore.defaults().direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(InceptionScore.defaults().compute(Synthetic.gaussian(20, 4, 1, 0, 1)).asMap())
                .containsOnlyKeys("inception_score_mean", "inception_score_std");
    }
}
