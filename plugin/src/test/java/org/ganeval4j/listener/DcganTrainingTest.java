package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference DCGAN (libnd4j conv2d/deconv2d layers) learns MNIST: 150 alternating updates lower
 * the Fréchet distance of its samples on the fixed small CNN, and the trained combined network (with
 * its frozen SameDiff discriminator layers) saves and restores to the same generator output.
 */
@Tag("slow")
class DcganTrainingTest {
    static final int ITERATIONS = 150;

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
    }

    @Test
    void trainingLowersTheFrechetDistanceAndTheModelRoundTrips(@TempDir Path out) throws Exception {
        // the preset's 2e-4 needs more steps; a faster generator keeps 150 steps reliable across seeds
        GanConfig config = GanConfig.mnistDcgan(5);
        Gan gan = Gan.build(config);
        GanEvaluator evaluator = GanTrainingTest.evaluator(gan);
        double before = evaluator.evaluate(0, 0).result("FD-mnist-cnn").value();
        Random data = new Random(config.seed());
        for (int i = 0; i < ITERATIONS; i++) {
            gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
        }
        MetricResult after = evaluator.evaluate(ITERATIONS, 0).result("FD-mnist-cnn");
        assertThat(after.value()).as("FD after %d iterations vs untrained", ITERATIONS).isLessThan(0.5 * before);

        new BestModelSaver(out).save(gan.combined(), after);
        Model restored = BestModelSaver.restore(out.resolve(BestModelSaver.MODEL));
        INDArray z = gan.latentSpec(11).latents(0, 16);
        INDArray expected = gan.generator().sample(z, null);
        INDArray actual = gan.generator().withModel(restored).sample(z, null);
        assertThat(actual.data().asFloat()).containsExactly(expected.data().asFloat());
    }
}
