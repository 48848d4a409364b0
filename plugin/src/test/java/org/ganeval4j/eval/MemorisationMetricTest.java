package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.listener.MnistFixture;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.Memorisation;
import org.ganeval4j.stats.FeatureMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MemorisationMetric} through the evaluator on MNIST: a "generator" whose samples are unseen
 * MNIST digits except for a few exact copies of training digits; exactly the copies are flagged, each
 * with its training partner, and the PNG shows them beside their partners.
 */
class MemorisationMetricTest {
    static final int TRAIN = 300;
    static final int SAMPLES = 120;
    static final int[] COPIES = {5, 6, 47, 80, 119};
    static final int[] PARTNERS = {0, 299, 150, 7, 150};

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
    }

    /** Sample i: MNIST digit 1000 + i, or the training digit PARTNERS[k] when i = COPIES[k]. */
    static final class CopyingGenerator implements Generator {
        private int next;

        @Override
        public INDArray sample(INDArray z, INDArray labels) {
            int n = (int) z.size(0);
            INDArray[] out = new INDArray[n];
            for (int i = 0; i < n; i++, next++) {
                int source = 1000 + next;
                for (int k = 0; k < COPIES.length; k++) {
                    if (COPIES[k] == next) {
                        source = PARTNERS[k];
                    }
                }
                out[i] = MnistFixture.mnist.canonical(source, 1);
            }
            return Nd4j.concat(0, out);
        }
    }

    @Test
    void copiesOfTrainingImagesAreFoundWithTheirPartners(@TempDir Path dir) throws Exception {
        INDArray trainImages = MnistFixture.mnist.canonical(0, TRAIN);
        FeatureMatrix train = FeatureMatrix.of(MnistFixture.extractor.extract(trainImages));
        Path png = dir.resolve("pairs.png");
        MemorisationMetric metric = MemorisationMetric.builder(MnistFixture.extractor, train)
                .check(Memorisation.builder().threshold(1e-6).pairs(6).build())
                .pairsImage(png, i -> MnistFixture.mnist.canonical(i, 1)).build();
        GanEvaluator evaluator = GanEvaluator.builder(new CopyingGenerator(),
                        ImageFormat.of(ImageFormat.Layout.NCHW, InputRange.ZERO_255, 1, 28, 28), LatentSpec.normal(4, 1))
                .samples(SAMPLES).batchSize(37).previewImages(0).metric(metric).build();
        MetricResult r = evaluator.evaluate(0, 0).result(MemorisationMetric.NAME);
        assertThat(r.ok()).as(String.valueOf(r.failure())).isTrue();
        assertThat(r.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(r.value()).isEqualTo(COPIES.length / (double) SAMPLES);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> closest = (List<Map<String, Object>>) r.details().get("closest");
        assertThat(closest).hasSize(6);
        // the copies come first (in order of their tiny float32 distances), each with its partner
        java.util.Map<Integer, Integer> found = new java.util.TreeMap<>();
        for (Map<String, Object> pair : closest.subList(0, COPIES.length)) {
            found.put(((Number) pair.get("sample")).intValue(), ((Number) pair.get("train")).intValue());
            assertThat(((Number) pair.get("distance")).doubleValue()).isLessThan(1e-6);
        }
        java.util.Map<Integer, Integer> expected = new java.util.TreeMap<>();
        for (int k = 0; k < COPIES.length; k++) {
            expected.put(COPIES[k], PARTNERS[k]);
        }
        assertThat(found).isEqualTo(expected);
        assertThat(((Number) closest.get(5).get("distance")).doubleValue()).as("the closest unseen digit").isGreaterThan(1e-6);
        assertThat(((Number) r.details().get("real_fraction")).doubleValue()).isZero();
        assertThat(r.details()).containsEntry("real_reference", "leave-one-out");

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getHeight()).isEqualTo(6 * 28 + 7 * 2);
        assertThat(img.getWidth()).isEqualTo(2 * 28 + 3 * 2);
        // the first row: a copy (left) equal to its partner (right)
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertThat(img.getRGB(2 + x, 2 + y)).isEqualTo(img.getRGB(2 + 28 + 2 + x, 2 + y));
            }
        }
    }
}
