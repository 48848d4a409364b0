package org.ganeval4j.arbiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.ganeval4j.earlystopping.BestModelSaver;
import org.ganeval4j.earlystopping.TerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.GeneratorRecord;
import org.ganeval4j.eval.SavedGenerator;
import org.ganeval4j.image.Generator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.listener.MnistFixture;
import org.ganeval4j.sink.MetricHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 acceptance 1 and 2: real Arbiter searches over a small MLP GAN trained on MNIST from the
 * asset folder (2,000 images), scored by the Fréchet distance on a small fixed CNN's features.
 */
@Tag("slow")
class GanSweepTest {
    static final String FD = "FD-mnist-cnn";
    static FrechetMetric fd;

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
        fd = new FrechetMetric(MnistFixture.reference, MnistFixture.extractor);
    }

    @AfterAll
    static void release() {
        if (fd != null) {
            fd.close();
        }
    }

    static GanTaskCreator.Builder tasks(GanConfig base, Path out, int iterations, int every) {
        return GanTaskCreator.builder(Gan.factory(base, MnistFixture.mnist), out).metric(fd).samples(200)
                .evaluationBatchSize(100).iterations(iterations).evaluateEvery(every).charts(false);
    }

    @Test
    void randomSearchScoresOrRecordsEveryCandidateAndKeepsTheBestGenerator(@TempDir Path out) throws Exception {
        // a discriminator learning rate of 1e30 overflows to NaN at once: those candidates fail, the sweep goes on
        // (with seed 15 Arbiter draws it for candidates 1 and 3 of 6)
        HyperparameterSpace space = HyperparameterSpace.builder()
                .add(GanConfig.GENERATOR_LR, new ContinuousParameterSpace(new LogUniformDistribution(1e-4, 1e-3)))
                .discrete(GanConfig.DISCRIMINATOR_LR, 2e-4, 1e30)
                .discrete(GanConfig.LATENT_DIM, 16, 32)
                .build();
        GanTaskCreator tasks = tasks(GanConfig.mnistMlp(11), out, 120, 40)
                .stopWhen(TerminationCondition.consecutiveFailures(1)).build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SweepResult result = GanSweep.randomSearch(space, tasks, GanMetricScoreFunction.of(fd), 6).seed(15)
                .report(new PrintStream(printed, true, StandardCharsets.UTF_8)).build().run();

        List<CandidateOutcome> rows = result.candidates();
        assertThat(rows).extracting(CandidateOutcome::id).containsExactly(0, 1, 2, 3, 4, 5);
        for (CandidateOutcome o : rows) {
            assertThat(o.directory()).isEqualTo(out.resolve("candidate-" + o.id()));
            assertThat(o.directory().resolve(GanTaskCreator.CANDIDATE_RECORD)).exists();
            assertThat(o.directory().resolve(MetricHistory.CSV)).exists();
            if (o.scored()) {
                assertThat(o.score()).isFinite();
                assertThat(o.iteration()).isBetween(40L, 120L);
                assertThat(o.model()).isEqualTo(o.directory().resolve(BestModelSaver.MODEL)).exists();
                List<MetricResult> history = MetricHistory.read(o.directory());
                assertThat(history).extracting(MetricResult::iteration).contains(o.iteration());
            } else {
                assertThat(o.reason()).startsWith("diverged").containsIgnoringCase("non-finite");
                assertThat(o.hyperparameters().get(GanConfig.DISCRIMINATOR_LR)).isEqualTo(1e30);
                assertThat(o.model()).isNull();
            }
        }
        List<CandidateOutcome> scored = rows.stream().filter(CandidateOutcome::scored).toList();
        assertThat(scored).as("scored candidates").hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows.size() - scored.size()).as("failed candidates").isGreaterThanOrEqualTo(1);
        int firstFailure = rows.stream().filter(o -> !o.scored()).mapToInt(CandidateOutcome::id).min().orElseThrow();
        assertThat(scored).as("a candidate scored after the first failure").anyMatch(o -> o.id() > firstFailure);

        CandidateOutcome min = scored.stream().min(Comparator.comparingDouble(CandidateOutcome::score)).orElseThrow();
        CandidateOutcome best = result.best().orElseThrow();
        assertThat(best.id()).isEqualTo(min.id());
        assertThat(best.score()).isEqualTo(min.score());

        // sweep.csv: one row per candidate, and the best is the table's minimum
        List<CSVRecord> csv = readCsv(result.csv());
        assertThat(csv).hasSize(6);
        assertThat(csv.get(0).toMap()).containsKeys("id", "generatorLr", "discriminatorLr", "latentDim", "metric",
                "best_metric", "iteration", "iterations", "seconds", "status", "reason");
        double csvMin = csv.stream().filter(r -> !r.get("best_metric").isEmpty()).mapToDouble(r -> Double.parseDouble(r.get("best_metric")))
                .min().orElseThrow();
        assertThat(csvMin).isEqualTo(best.score());
        assertThat(csv).filteredOn(r -> r.get("status").equals("failed")).allMatch(r -> r.get("best_metric").isEmpty()
                && r.get("reason").startsWith("diverged"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("best: candidate " + best.id())
                .contains(result.csv().toString());

        // the generator saved at the sweep's root re-evaluates to the best score
        Path saved = result.bestModel().orElseThrow();
        assertThat(saved).isEqualTo(out.resolve(BestModelSaver.MODEL));
        assertThat(Files.readString(out.resolve(GanSweep.BEST_RECORD))).contains("\"candidate\" : " + best.id());
        // the generator alone (the MLP generator's 3 layers), loaded with plain DL4J, with its record in the zip
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved.toFile(), false);
        assertThat(restored.getnLayers()).isEqualTo(3);
        GeneratorRecord record = SavedGenerator.read(saved).record().orElseThrow();
        assertThat(record.recorded().values()).containsEntry(FD, best.score());
        MetricResult again = GanEvaluator.builder(Generator.of(restored), record.format(), record.latent())
                .samples(record.evaluation().samples()).batchSize(record.evaluation().batchSize()).metric(fd).build()
                .evaluate(best.iteration(), 0).result(FD);
        assertThat(again.value()).isCloseTo(best.score(), within(1e-6 * best.score()));

        assertThatThrownBy(() -> GanSweep.randomSearch(space, tasks, GanMetricScoreFunction.of(fd), 1).report(null)
                .build().run()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already holds a sweep");
    }

    @Test
    void aGridSearchOverTwoValuesIsReproducible(@TempDir Path out) throws Exception {
        HyperparameterSpace space = HyperparameterSpace.builder().discrete(GanConfig.LEARNING_RATE, 2e-4, 6e-4).build();
        SweepResult first = grid(space, out.resolve("first"));
        SweepResult second = grid(space, out.resolve("second"));

        assertThat(first.candidates()).hasSize(2).allMatch(CandidateOutcome::scored);
        assertThat(first.candidates()).extracting(o -> o.hyperparameters().get(GanConfig.LEARNING_RATE))
                .containsExactly(2e-4, 6e-4);
        for (int i = 0; i < 2; i++) {
            CandidateOutcome a = first.candidates().get(i);
            CandidateOutcome b = second.candidates().get(i);
            assertThat(b.hyperparameters()).isEqualTo(a.hyperparameters());
            assertThat(b.score()).as("candidate %d", i).isEqualTo(a.score());
            assertThat(b.iteration()).isEqualTo(a.iteration());
            assertThat(values(b.directory())).as("whole history of candidate %d", i).isEqualTo(values(a.directory()));
        }
        assertThat(second.best().orElseThrow().id()).isEqualTo(first.best().orElseThrow().id());
    }

    private static SweepResult grid(HyperparameterSpace space, Path out) throws Exception {
        GanTaskCreator tasks = tasks(GanConfig.mnistMlp(5), out, 60, 20).build();
        return GanSweep.gridSearch(space, tasks, GanMetricScoreFunction.of(fd), 2).report(null).build().run();
    }

    private static Map<Long, Double> values(Path candidate) throws Exception {
        return MetricHistory.read(candidate).stream()
                .collect(Collectors.toMap(MetricResult::iteration, MetricResult::value, (a, b) -> a));
    }

    /**
     * The Arbiter components used directly, as Arbiter users wire them: a plateauing candidate is stopped
     * by its patience, an invalid one (β1 = 1) is recorded as failed, and the result references load the
     * saved generators.
     */
    @Test
    void plainArbiterRunnerStopsHopelessCandidatesAndRecordsInvalidOnes(@TempDir Path out) throws Exception {
        // a generator learning rate of 1e-12 leaves its float32 weights as they are: FD plateaus from the start
        HyperparameterSpace space = HyperparameterSpace.builder()
                .discrete(GanConfig.GENERATOR_LR, 1e-12, 2e-4)
                .discrete(GanConfig.BETA1, 0.5, 1.0)
                .build();
        GanTaskCreator tasks = tasks(GanConfig.mnistMlp(3), out, 60, 10).stopWhen(TerminationCondition.patience(2)).build();
        GanMetricScoreFunction score = GanMetricScoreFunction.of(fd);
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(new GridSearchCandidateGenerator(space, 2, GridSearchCandidateGenerator.Mode.Sequential,
                        null))
                .scoreFunction(score).modelSaver(new GanResultSaver())
                .terminationConditions(new SearchExhaustedCondition()).build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(conf, tasks);
        runner.execute();

        assertThat(runner.numCandidatesCompleted()).isEqualTo(2);
        assertThat(runner.numCandidatesFailed()).isEqualTo(2);
        Map<Integer, CandidateOutcome> byId = runner.getResults().stream().map(r -> {
            try {
                return (CandidateOutcome) r.getResult().getModelSpecificResults();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toMap(CandidateOutcome::id, Function.identity()));
        // grid order: the first hyperparameter changes fastest
        CandidateOutcome plateau = byId.get(0);
        assertThat(plateau.hyperparameters()).containsEntry(GanConfig.GENERATOR_LR, 1e-12);
        assertThat(plateau.status()).isEqualTo(CandidateOutcome.Status.STOPPED);
        assertThat(plateau.reason()).contains("did not improve").contains("patience 2");
        assertThat(plateau.iterations()).isEqualTo(30);
        assertThat(byId.get(1).iterations()).isGreaterThan(0);
        for (int invalid : new int[] {2, 3}) {
            assertThat(byId).doesNotContainKey(invalid);
            assertThat(Files.readString(tasks.candidateDirectory(invalid).resolve(GanTaskCreator.CANDIDATE_RECORD)))
                    .contains("\"status\" : \"failed\"").contains("invalid hyperparameters: beta1 must be in [0, 1), got 1.0");
        }
        for (ResultReference r : runner.getResults()) {
            assertThat(r.getResultModel()).isInstanceOf(org.deeplearning4j.nn.multilayer.MultiLayerNetwork.class);
        }
        assertThat(runner.bestScore()).isEqualTo(byId.values().stream().mapToDouble(CandidateOutcome::score).min()
                .orElseThrow());
    }

    private static List<CSVRecord> readCsv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }
}
