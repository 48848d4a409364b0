package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.ganeval4j.eval.Evaluation;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.sink.SampleGridSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance 1 and 2: a real GAN trained on MNIST (the asset folder) with the listener
 * attached. Metrics are recorded exactly at the scheduled iterations, the history is complete, the
 * Fréchet distance falls as the generator learns, and the trained parameters are bit-identical to a
 * run without evaluation. A plateauing run stops after its patience and its saved best generator
 * re-evaluates to the recorded value.
 */
@Tag("slow")
class GanTrainingTest {
    static final int ITERATIONS = 150;

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
    }

    static GanEvaluator evaluator(Gan gan) {
        return GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(7)).samples(200).batchSize(100)
                .metric(new FrechetMetric(MnistFixture.reference, MnistFixture.extractor)).build();
    }

    /** Trains with an optional listener; returns the GAN. */
    static Gan train(GanConfig config, int iterations, GanMetricsListener listener) {
        Gan gan = Gan.build(config);
        if (listener != null) {
            gan.combined().addListeners(listener);
        }
        Random data = new Random(config.seed());
        for (int i = 0; i < iterations && (listener == null || !listener.shouldStop()); i++) {
            gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
        }
        return gan;
    }

    private static float[] params(Model m) {
        return m.params().dup().data().asFloat();
    }

    @Test
    void metricsAtTheScheduledIterationsWithoutDisturbingTraining(@TempDir Path out) throws Exception {
        GanConfig config = GanConfig.mnistMlp(7);
        Gan reference = train(config, ITERATIONS, null);

        Gan gan = Gan.build(config);
        GanMetricsListener listener = GanMetricsListener.builder(evaluator(gan))
                .schedule(EvaluationSchedule.everyIterations(50)).outputDirectory(out).build();
        gan.combined().addListeners(listener);
        listener.evaluateNow(0, 0);
        Random data = new Random(config.seed());
        for (int i = 0; i < ITERATIONS; i++) {
            gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
        }
        listener.finish();

        assertThat(params(gan.combined())).as("generator + frozen discriminator").containsExactly(params(reference.combined()));
        assertThat(params(gan.discriminator())).containsExactly(params(reference.discriminator()));

        List<MetricResult> fd = MetricHistory.read(out);
        assertThat(fd).extracting(MetricResult::iteration).containsExactly(0L, 50L, 100L, 150L);
        assertThat(fd).allMatch(MetricResult::ok);
        assertThat(fd.get(0).name()).isEqualTo("FD-mnist-cnn");
        assertThat(Files.readAllLines(out.resolve(MetricHistory.CSV))).hasSize(5);
        assertThat(out.resolve(ChartSink.fileName("FD-mnist-cnn"))).exists();
        assertThat(out.resolve(SampleGridSink.FILE)).exists();
        double first = fd.get(0).value();
        double last = fd.get(fd.size() - 1).value();
        assertThat(last).as("FD after %d iterations vs untrained", ITERATIONS).isLessThan(0.7 * first);
    }

    @Test
    void aPlateauStopsAfterThePatienceAndTheBestModelReproducesItsMetric(@TempDir Path out) throws Exception {
        // a learning rate of ~0 keeps the generator where it is: the metric plateaus from the start
        GanConfig config = GanConfig.mnistMlp(3).withLearningRates(1e-12, 2e-4);
        Gan gan = Gan.build(config);
        GanEvaluator evaluator = evaluator(gan);
        GanMetricsListener listener = GanMetricsListener.builder(evaluator)
                .schedule(EvaluationSchedule.everyIterations(10)).outputDirectory(out)
                .monitor(MetricMonitor.builder("FD-mnist-cnn").minDelta(0.01).stopWhen(TerminationCondition.patience(2)).build())
                .saveBestModel(true).charts(false).build();
        gan.combined().addListeners(listener);
        Random data = new Random(3);
        int steps = 0;
        while (!listener.shouldStop() && steps < 200) {
            gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
            steps++;
        }
        listener.finish();
        assertThat(steps).as("stopped after the first evaluation and 2 without improvement").isEqualTo(30);
        assertThat(listener.stopReason()).get().asString().contains("patience 2");
        MetricResult best = listener.monitor().orElseThrow().best().orElseThrow();
        assertThat(best.iteration()).isEqualTo(10);

        Model restored = BestModelSaver.restore(out.resolve(BestModelSaver.MODEL));
        Evaluation again = evaluator.evaluate(gan.generator().withModel(restored), best.iteration(), 0);
        assertThat(again.result("FD-mnist-cnn").value()).isCloseTo(best.value(), within(1e-6 * best.value()));
        assertThat(Files.readString(out.resolve(BestModelSaver.RECORD))).contains("\"iteration\" : 10");
    }
}
