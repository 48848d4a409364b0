package org.ganeval4j.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.examples.Dl4jEarlyStopping;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12 acceptance 3: DL4J's own {@code EarlyStoppingTrainer} trains the reference GAN (the
 * discriminator step inside the training iterator) with a {@code GanScoreCalculator}: each epoch's
 * score is the listener's evaluation of that epoch — one history row per epoch, at the model's real
 * iteration, not evaluated twice — and the trainer's best is the history's minimum.
 */
@Tag("slow")
class Dl4jEarlyStoppingTest {
    @Test
    void theTrainerScoresEachEpochWithTheListenersEvaluation(@TempDir Path out) throws Exception {
        Dl4jEarlyStopping example = new Dl4jEarlyStopping();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try (PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            exit = new CommandLine(example).execute("--data",
                    TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz").toString(), "--images", "300",
                    "--epochs", "3", "--batches-per-epoch", "10", "--samples", "60", "--patience", "5", "--out",
                    out.toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exit).as(captured.toString(StandardCharsets.UTF_8)).isZero();
        EarlyStoppingResult<MultiLayerNetwork> r = example.result();
        assertThat(r.getTerminationReason()).isEqualTo(EarlyStoppingResult.TerminationReason.EpochTerminationCondition);
        assertThat(r.getTotalEpochs()).isEqualTo(3);

        List<MetricResult> history = MetricHistory.read(out);
        assertThat(history).as("one evaluation per epoch, none repeated for the score")
                .extracting(MetricResult::iteration).containsExactly(10L, 20L, 30L);
        assertThat(history).extracting(MetricResult::epoch).containsExactly(0L, 1L, 2L);
        Map<Integer, Double> scores = r.getScoreVsEpoch();
        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(scores.get(epoch)).as("epoch %d", epoch).isEqualTo(history.get(epoch).value());
        }
        double min = history.stream().mapToDouble(MetricResult::value).min().orElseThrow();
        // (DL4J M2.1's getBestModelScore() reports the best model's training loss after an epoch condition: the
        // metric's best is the score of the best epoch)
        assertThat(scores.get(r.getBestModelEpoch())).as(r.toString()).isEqualTo(min);
        assertThat(history.get(r.getBestModelEpoch()).value()).isEqualTo(min);
    }
}
