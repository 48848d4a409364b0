package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.LpipsDiversity;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.feature.Lpips;
import org.ganeval4j.feature.LpipsNet;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.sink.MetricHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Issue 5 acceptance 1 with the reference DCGAN (libnd4j conv2d/deconv2d layers, frozen SameDiff
 * discriminator layers in the combined network): 200 alternating updates on MNIST with the listener
 * attached, FD and LPIPS diversity every 50 iterations. The history holds exactly the scheduled
 * evaluations, the FD falls and the diversity changes as the generator learns, the parameters end
 * bit-identical to a run without the listener, and the trained network saves and restores to the
 * same generator output.
 */
@Tag("slow")
class DcganTrainingTest {
    static final int ITERATIONS = 200;

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
    }

    @Test
    void theListenerTracksFdAndDiversityWithoutDisturbingTraining(@TempDir Path out) throws Exception {
        GanConfig config = GanConfig.mnistDcgan(5);
        Gan reference = GanTrainingTest.train(config, ITERATIONS, null);

        Gan gan = Gan.build(config);
        GeneratorRecord evaluationRecord;
        try (Lpips lpips = Lpips.load(LpipsNet.SQUEEZE)) {
            GanEvaluator evaluator = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(7))
                    .samples(200).batchSize(100)
                    .metric(new FrechetMetric(MnistFixture.reference, MnistFixture.extractor))
                    .metric(LpipsDiversity.builder(lpips).pairs(PairSelection.random(500, 7)).build())
                    .build();
            GanMetricsListener listener = GanMetricsListener.builder(evaluator)
                    .schedule(EvaluationSchedule.everyIterations(50)).outputDirectory(out).build();
            gan.combined().addListeners(listener);
            listener.evaluateNow(0, 0);
            Random data = new Random(config.seed());
            for (int i = 0; i < ITERATIONS; i++) {
                gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
            }
            listener.finish();
            evaluationRecord = listener.record().orElseThrow();
        }

        assertThat(gan.combined().params().dup().data().asFloat()).as("generator + frozen discriminator")
                .containsExactly(reference.combined().params().dup().data().asFloat());
        assertThat(gan.discriminator().params().dup().data().asFloat())
                .containsExactly(reference.discriminator().params().dup().data().asFloat());

        List<MetricResult> history = MetricHistory.read(out);
        assertThat(history).allMatch(MetricResult::ok);
        List<MetricResult> fd = history.stream().filter(r -> r.name().equals("FD-mnist-cnn")).toList();
        List<MetricResult> diversity = history.stream().filter(r -> r.name().equals(LpipsDiversity.NAME)).toList();
        assertThat(fd).extracting(MetricResult::iteration).containsExactly(0L, 50L, 100L, 150L, 200L);
        assertThat(diversity).extracting(MetricResult::iteration).containsExactly(0L, 50L, 100L, 150L, 200L);
        double fd0 = fd.get(0).value();
        double fdLast = fd.get(fd.size() - 1).value();
        assertThat(fdLast).as("FD after %d iterations vs untrained", ITERATIONS).isLessThan(0.5 * fd0);
        double d0 = diversity.get(0).value();
        double dLast = diversity.get(diversity.size() - 1).value();
        assertThat(Math.abs(dLast - d0)).as("diversity %s -> %s", d0, dLast).isGreaterThan(0.1 * d0);
        assertThat(diversity).allMatch(r -> r.value() > 0 && r.std() > 0);

        MetricResult after = fd.get(fd.size() - 1);
        Evaluation last = new Evaluation(after.iteration(), after.epoch(), List.of(after), null);
        new BestModelSaver(out.resolve("saved")).save(gan.generator(), last, after, evaluationRecord);
        Path saved = out.resolve("saved").resolve(BestModelSaver.MODEL);
        // the generator alone, loaded with plain DL4J: its configuration names no ganeval4j class (the discriminator's
        // Conv2dOpLayer stays behind) and it samples exactly what the generator part of the combined network does
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved.toFile(), false);
        assertThat(restored.getLayerWiseConfigurations().toJson()).doesNotContain("org.ganeval4j");
        assertThat(restored.getnLayers()).isEqualTo(gan.generatorOutputLayer() + 1);
        INDArray z = gan.latentSpec(11).latents(0, 16);
        INDArray expected = gan.generator().sample(z, null);
        INDArray actual = restored.output(z, false);
        assertThat(actual.data().asFloat()).containsExactly(expected.data().asFloat());
        GeneratorRecord record = SavedGenerator.read(saved).record().orElseThrow();
        assertThat(record.latent()).isEqualTo(gan.latentSpec(7));
        assertThat(record.format()).isEqualTo(gan.imageFormat());
        assertThat(record.trainedPart().layer()).isEqualTo(gan.generatorOutputLayer());
        assertThat(record.recorded().values()).containsEntry("FD-mnist-cnn", after.value());
    }
}
