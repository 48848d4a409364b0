package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.listener.EvaluationSchedule;
import org.ganeval4j.listener.GanMetricsListener;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.stats.GaussianStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 acceptance 2: a second, worse run in the same output folder leaves the earlier, better best
 * generator in place and the history keeps both runs; starting afresh is explicit.
 */
class ListenerRerunTest {
    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 8, 8);

    private static GanMetricsListener run(MultiLayerNetwork generator, FrechetMetric fd, Path out, boolean fresh)
            throws Exception {
        GanEvaluator evaluator = GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(TinyNets.LATENT, 7))
                .samples(64).metric(fd).build();
        GanMetricsListener l = GanMetricsListener.builder(evaluator).schedule(EvaluationSchedule.everyIterations(1))
                .outputDirectory(out).charts(false).sampleGrid(false).log(false)
                .monitor(MetricMonitor.builder(fd.name()).build()).saveBestModel(true).freshBest(fresh).build();
        l.evaluateNow(1, 0);
        l.evaluateNow(2, 0);
        l.finish();
        return l;
    }

    @Test
    void aWorseRerunKeepsTheBetterBestModelAndTheWholeHistory(@TempDir Path out) throws Exception {
        MultiLayerNetwork good = TinyNets.generator(1);
        MultiLayerNetwork worse = TinyNets.generator(2);
        worse.params().muli(5); // saturated tanh images: far from the reference
        Dl4jModelExtractor extractor = TinyNets.extractor(3);
        // the reference: the good generator's own images, so it scores far better than the worse one
        GaussianStats reference = ReferenceStatistics.compute(extractor, List.of(FORMAT.toCanonical(
                good.output(LatentSpec.normal(TinyNets.LATENT, 99).latents(0, 200), false))).iterator(), "good");
        try (FrechetMetric fd = new FrechetMetric(reference, extractor)) {
            run(good, fd, out, false);
            byte[] bestModel = Files.readAllBytes(out.resolve(BestModelSaver.MODEL));
            byte[] bestRecord = Files.readAllBytes(out.resolve(BestModelSaver.RECORD));
            double goodValue = MetricHistory.read(out).get(0).value();

            run(worse, fd, out, false);
            List<Double> values = MetricHistory.read(out).stream().map(MetricResult::value).toList();
            assertThat(values).as("both runs in the history").hasSize(4);
            assertThat(values.get(2)).as("the rerun is worse").isGreaterThan(goodValue);
            assertThat(Files.readAllBytes(out.resolve(BestModelSaver.MODEL))).as("best model kept").isEqualTo(bestModel);
            assertThat(Files.readAllBytes(out.resolve(BestModelSaver.RECORD))).isEqualTo(bestRecord);

            run(worse, fd, out, true);
            assertThat(Files.readAllBytes(out.resolve(BestModelSaver.MODEL))).as("replaced when starting afresh")
                    .isNotEqualTo(bestModel);
            assertThat(SavedGenerator.read(out.resolve(BestModelSaver.MODEL)).record().orElseThrow().recorded().values()
                    .get(fd.name())).isEqualTo(values.get(2));

            int d = extractor.spec().dims();
            KidMetric kid = new KidMetric(org.ganeval4j.stats.FeatureMatrix.of(new float[64 * d], 64, d), extractor,
                    org.ganeval4j.metric.KernelInceptionDistance.builder().subsets(2).subsetSize(10).build(), 64);
            GanEvaluator other = GanEvaluator.builder(Generator.of(good), FORMAT, LatentSpec.normal(TinyNets.LATENT, 7))
                    .samples(64).metric(fd).metric(kid).build();
            assertThatThrownBy(() -> GanMetricsListener.builder(other).outputDirectory(out)
                    .monitor(MetricMonitor.builder("KID").build()).saveBestModel(true).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chosen by " + fd.name() + ", but this run monitors KID");
        }
    }
}
