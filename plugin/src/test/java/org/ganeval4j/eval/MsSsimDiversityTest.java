package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.DiversityResult;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.PairwiseDiversity;
import org.ganeval4j.metric.Ssim;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * MS-SSIM diversity: the mean MS-SSIM over the chosen pairs with its standard error, seeded pairs,
 * a collapsed set scoring 1, the real images' score as a second value, and a clear error for images
 * too small for the options. The listener test is {@code listener.MsSsimDiversityListenerTest}.
 */
class MsSsimDiversityTest {
    /** Three scales and kernel_size 7: 28×28 and larger. */
    static final MsSsim.Options SMALL = MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856, 0.3001)
            .withSsim(Ssim.Options.defaults(255).withKernelSize(7));

    /** {@code n} images c×h×w of whole levels: a shared smooth pattern, a per-image shift and noise. */
    static INDArray images(long seed, int n, int c, int h, int w) {
        Random r = new Random(seed);
        float[] v = new float[n * c * h * w];
        for (int k = 0; k < n; k++) {
            double phase = r.nextDouble() * 6;
            for (int i = 0; i < c * h * w; i++) {
                int y = i / w % h;
                int x = i % w;
                double s = 128 + 90 * Math.sin(x / 4.0 + phase) * Math.cos(y / 5.0 - phase);
                v[k * c * h * w + i] = (float) Math.max(0, Math.min(255, Math.round(s + r.nextGaussian() * 20)));
            }
        }
        return Nd4j.create(v, new long[] {n, c, h, w}, 'c');
    }

    private static double[] image(INDArray images, int k) {
        return images.get(NDArrayIndex.point(k)).dup('c').castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data()
                .asDouble();
    }

    @Test
    void theMeanAndStandardErrorAreThoseOfMsSsimOverTheChosenPairs() {
        INDArray x = images(1, 12, 3, 40, 36);
        MsSsimDiversity div = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.random(30, 5)).build();
        DiversityResult r = div.compute(x);
        long[] chosen = PairSelection.random(30, 5).choose(12);
        MsSsim m = MsSsim.of(SMALL);
        int[] i = new int[chosen.length];
        int[] j = new int[chosen.length];
        double[] d = new double[chosen.length];
        double sum = 0;
        for (int p = 0; p < chosen.length; p++) {
            i[p] = (int) (chosen[p] / 12);
            j[p] = (int) (chosen[p] % 12);
            d[p] = m.compute(image(x, i[p]), image(x, j[p]), 3, 40, 36);
            sum += d[p];
        }
        assertThat(r.pairs()).isEqualTo(30);
        assertThat(r.samples()).isEqualTo(12);
        assertThat(r.mean()).isCloseTo(sum / 30, within(1e-14));
        assertThat(r.mean()).isBetween(0.05, 0.95);
        assertThat(r.standardError()).isCloseTo(PairwiseDiversity.standardError(12, i, j, d), within(1e-15)).isNotNegative();
        assertThat(r.route()).isEqualTo("pairs");
        assertThat(div.compute(x).mean()).as("same seed, same pairs").isEqualTo(r.mean());
        assertThat(MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.random(30, 6)).build().compute(x).mean())
                .isNotEqualTo(r.mean());
        DiversityResult all = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.all()).build().compute(x);
        assertThat(all.pairs()).isEqualTo(66);
        assertThat(all.route()).isEqualTo("all-pairs");
        assertThat(all.standardError()).isPositive();
        assertThat(all.pairStd()).isPositive();
    }

    @Test
    void aCollapsedSetScoresOneAndLowerIsMoreDiverse() {
        INDArray one = images(2, 1, 1, 30, 30);
        INDArray same = Nd4j.concat(0, one, one, one, one);
        MsSsimDiversity div = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.all()).build();
        assertThat(div.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(div.compute(same).mean()).isCloseTo(1.0, within(1e-12));
        assertThat(div.compute(images(3, 4, 1, 30, 30)).mean()).isLessThan(0.9);
    }

    @Test
    void realImagesAreReportedWithEveryEvaluationAsASecondValue() {
        INDArray real = images(4, 10, 3, 32, 32);
        INDArray fake = images(5, 10, 3, 32, 32);
        MsSsimDiversity div = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.random(20, 1)).name("div")
                .realImages(real).build();
        assertThat(div.names()).containsExactly("div", "div-real");
        MsSsimDiversity.Session s = div.open(10);
        s.add(fake.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        s.add(fake.get(NDArrayIndex.interval(4, 10), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        var values = s.finish();
        DiversityResult direct = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.random(20, 1)).build()
                .compute(real);
        assertThat(values).extracting(MetricValue::name).containsExactly("div", "div-real");
        assertThat(values.get(0).value()).isEqualTo(div.compute(fake).mean());
        assertThat(values.get(1).value()).isEqualTo(direct.mean());
        assertThat(values.get(1).std()).isEqualTo(direct.standardError());
        assertThat(values.get(0).extractorId()).isEqualTo("ms-ssim/3-scales/gaussian-sigma1.5-11x11/relu");
        assertThat(MsSsimDiversity.builder().build().names()).containsExactly(MsSsimDiversity.NAME);
    }

    @Test
    void badInputIsRefusedWithWhatWasExpected() {
        MsSsimDiversity defaults = MsSsimDiversity.builder().build();
        assertThatThrownBy(() -> defaults.compute(images(6, 3, 1, 28, 28))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 176×176 pixels").hasMessageContaining("got 28×28")
                .hasMessageContaining("scales fit");
        assertThatThrownBy(() -> MsSsimDiversity.builder().realImages(images(6, 3, 1, 28, 28)).build())
                .hasMessageContaining("at least 176×176");
        assertThatThrownBy(() -> MsSsimDiversity.builder().options(MsSsim.Options.defaults(1)).build())
                .hasMessageContaining("data range must be 255, got 1.0");
        MsSsimDiversity div = MsSsimDiversity.builder().options(SMALL).build();
        assertThatThrownBy(() -> div.open(1)).hasMessageContaining("at least 2 samples, got 1");
        MsSsimDiversity.Session s = div.open(3);
        s.add(images(7, 2, 1, 30, 30));
        assertThatThrownBy(() -> s.add(images(7, 1, 1, 30, 31))).hasMessageContaining("one shape");
        assertThatThrownBy(() -> s.add(images(7, 2, 1, 30, 30))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more samples than the 3 announced");
        INDArray negative = images(8, 2, 1, 30, 30).subi(300);
        assertThatThrownBy(() -> div.compute(negative)).hasMessageContaining("0..255 scale");
    }
}
