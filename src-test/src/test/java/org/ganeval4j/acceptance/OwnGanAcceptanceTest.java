package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.arbiter.CandidateOutcome;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.arbiter.GanSweep;
import org.ganeval4j.arbiter.GanTaskCreator;
import org.ganeval4j.arbiter.HyperparameterSpace;
import org.ganeval4j.arbiter.SweepResult;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.examples.owngan.GraphGan;
import org.ganeval4j.examples.owngan.GraphGenerator;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.gan.MnistCnn;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 acceptance 1: an Arbiter sweep of a GAN that is not ganeval4j's — the examples'
 * {@link GraphGan}, a ComputationGraph generator and discriminator of its own — over two of its
 * hyperparameters on MNIST from the assets: every candidate has a score or a recorded failure, the
 * best is the table's minimum, and the best generator, saved alone, reloads with plain DL4J and
 * re-evaluates to its score.
 */
@Tag("slow")
class OwnGanAcceptanceTest {
    @Test
    void aSweepOfAUserDefinedGanScoresOrRecordsEveryCandidateAndKeepsTheBestGeneratorAlone(@TempDir Path out)
            throws Exception {
        ImageDataset mnist;
        try (ImageSource s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"),
                ImageSources.Options.defaults().withLimit(2000, 1))) {
            mnist = ImageDataset.load(s, 0);
        }
        var features = MnistCnn.extractor();
        GaussianStats reference = ReferenceStatistics.compute(features, mnist.canonicalBatches(250), "mnist-2000");
        try (FrechetMetric fd = new FrechetMetric(reference, features)) {
            // a width of 0 makes no GAN: the factory refuses it and the sweep records the failure
            HyperparameterSpace space = HyperparameterSpace.builder()
                    .discrete(GraphGan.GENERATOR_LR, 3e-4, 1e-3)
                    .discrete(GraphGan.HIDDEN, 0, 64, 128)
                    .build();
            GanTaskCreator tasks = GanTaskCreator.builder(GraphGan.factory(mnist, 7), out).metric(fd).samples(200)
                    .evaluationBatchSize(100).iterations(100).evaluateEvery(50).charts(false).build();
            SweepResult result = GanSweep.gridSearch(space, tasks, GanMetricScoreFunction.of(fd), 3).report(null).build()
                    .run();

            List<CandidateOutcome> rows = result.candidates();
            assertThat(rows).hasSize(6);
            for (CandidateOutcome o : rows) {
                assertThat(o.directory().resolve(GanTaskCreator.CANDIDATE_RECORD)).exists();
                if ((int) o.hyperparameters().get(GraphGan.HIDDEN) == 0) {
                    assertThat(o.scored()).isFalse();
                    assertThat(o.reason()).startsWith("invalid hyperparameters: hidden units").contains("got 0");
                } else {
                    assertThat(o.scored()).as("candidate %s: %s", o.id(), o.reason()).isTrue();
                    assertThat(o.score()).isFinite().isPositive();
                    assertThat(o.model()).exists();
                }
            }
            List<CSVRecord> csv;
            try (Reader r = Files.newBufferedReader(result.csv())) {
                csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
            }
            assertThat(csv).hasSize(6);
            assertThat(csv.get(0).toMap()).containsKeys("id", GraphGan.GENERATOR_LR, GraphGan.HIDDEN, "best_metric",
                    "status", "reason");
            double min = csv.stream().filter(r -> !r.get("best_metric").isEmpty())
                    .mapToDouble(r -> Double.parseDouble(r.get("best_metric"))).min().orElseThrow();
            CandidateOutcome best = result.best().orElseThrow();
            assertThat(best.score()).isEqualTo(min);

            // the generator alone: only the generator's vertices, loaded with plain DL4J
            Path saved = result.bestModel().orElseThrow();
            ComputationGraph g = ModelSerializer.restoreComputationGraph(saved.toFile(), false);
            assertThat(g.getConfiguration().getVertices().keySet()).containsExactlyInAnyOrder("g1", "g2",
                    GraphGenerator.OUTPUT);
            assertThat(g.getConfiguration().toJson()).doesNotContain("org.ganeval4j");
            GeneratorRecord record = SavedGenerator.read(saved).record().orElseThrow();
            MetricResult again = GanEvaluator.builder(Generator.of(g), record.format(), record.latent())
                    .samples(record.evaluation().samples()).batchSize(record.evaluation().batchSize()).metric(fd).build()
                    .evaluate(best.iteration(), 0).result(fd.name());
            assertThat(again.value()).isCloseTo(best.score(), within(1e-6 * best.score()));
        }
    }
}
