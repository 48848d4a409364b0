package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.sink.MetricHistory;
import org.ganeval4j.sink.OutputFailure;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.ui.UiSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue 5 acceptance 4: NaN images, a throwing generator, a full disk for the history and the UI not
 * running are each logged once with the reason and recorded as failed evaluations or failing sinks;
 * training goes on (every planned iteration runs) and nothing already written is lost; failFast
 * stops training instead.
 */
class ListenerFailureTest {
    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.NCHW, InputRange.MINUS_ONE_ONE, 1, 28, 28);
    static GaussianStats reference;
    static Dl4jModelExtractor extractor;

    @BeforeAll
    static void fixture() throws Exception {
        MnistFixture.load();
        extractor = MnistFixture.extractor;
        reference = MnistFixture.reference;
    }

    /** A generator of plausible images that misbehaves on the calls {@code bad} says. */
    static Generator flaky(Function<Integer, String> bad) {
        AtomicInteger calls = new AtomicInteger();
        return Generator.of(z -> {
            int call = calls.getAndIncrement();
            String what = bad.apply(call);
            if ("throw".equals(what)) {
                throw new IllegalStateException("generator crashed on purpose");
            }
            INDArray x = Nd4j.rand(DataType.FLOAT, z.size(0), 1, 28, 28).muli(2).subi(1);
            if ("nan".equals(what)) {
                x.putScalar(0, Double.NaN);
            }
            if ("inf".equals(what)) {
                x.putScalar(5, Double.POSITIVE_INFINITY);
            }
            return x;
        });
    }

    static GanEvaluator evaluator(Generator g) {
        return GanEvaluator.builder(g, FORMAT, LatentSpec.normal(4, 1)).samples(40).batchSize(40)
                .metric(new FrechetMetric(reference, extractor)).build();
    }

    /** Trains a tiny network for {@code iterations} fits with the listener; returns the iterations run. */
    static int train(GanMetricsListener listener, int iterations) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1).activation(Activation.IDENTITY)
                        .build()).build());
        net.init();
        net.addListeners(listener);
        int done = 0;
        for (int i = 0; i < iterations; i++) {
            net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 3), Nd4j.rand(DataType.FLOAT, 8, 1)));
            done++;
        }
        listener.finish();
        return done;
    }

    /** Runs {@code r} and returns what it printed on stderr (slf4j-simple logs there). */
    static String stderrOf(Runnable r) {
        return org.ganeval4j.testing.Capture.stderr(r);
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void nanAndInfImagesAndAThrowingGeneratorAreLoggedOnceRecordedAndTrainingGoesOn(@TempDir Path out) throws Exception {
        Generator g = flaky(call -> call == 1 ? "nan" : call == 2 ? "throw" : call == 3 ? "inf" : null);
        GanMetricsListener l = GanMetricsListener.builder(evaluator(g)).schedule(EvaluationSchedule.everyIterations(5))
                .outputDirectory(out).charts(false).build();
        String log = stderrOf(() -> assertThat(train(l, 25)).isEqualTo(25));
        List<MetricResult> h = MetricHistory.read(out);
        assertThat(h).extracting(MetricResult::iteration).containsExactly(5L, 10L, 15L, 20L, 25L);
        assertThat(h).extracting(MetricResult::ok).containsExactly(true, false, false, false, true);
        assertThat(h.get(1).failure()).contains("NaN");
        assertThat(h.get(2).failure()).contains("generator crashed on purpose");
        assertThat(h.get(3).failure()).contains("infinite");
        assertThat(Files.readString(out.resolve(MetricHistory.CSV))).contains("failed");
        assertThat(count(log, "FAILED")).as(log).isEqualTo(3);
        assertThat(count(log, "generator crashed on purpose")).as(log).isEqualTo(1);
        assertThat(l.evaluationCount()).isEqualTo(5);
        assertThat(l.latest().orElseThrow().ok()).isTrue();
    }

    @Test
    void aFullDiskIsLoggedOnceRecordedAndNothingIsLost(@TempDir Path out) throws Exception {
        Path devFull = Paths.get("/dev/full");
        if (!Files.exists(devFull)) {
            org.ganeval4j.testing.TestData.missing("/dev/full (Linux) simulates a full disk; it is missing here");
        }
        GanMetricsListener l = GanMetricsListener.builder(evaluator(flaky(c -> null)))
                .schedule(EvaluationSchedule.everyIterations(5)).outputDirectory(out).charts(false).sampleGrid(false)
                .build();
        Path csv = out.resolve(MetricHistory.CSV);
        l.evaluateNow(0, 0);
        byte[] before = Files.readAllBytes(csv);
        // the disk fills up: writes to metrics.csv fail with ENOSPC
        Path saved = out.resolve("saved.csv");
        Files.move(csv, saved);
        Files.createSymbolicLink(csv, devFull);
        String log = stderrOf(() -> assertThat(train(l, 15)).isEqualTo(15));
        assertThat(count(log, "failed (logged once")).isEqualTo(1);
        assertThat(log).contains("No space left on device");
        assertThat(l.failingSinks()).anyMatch(s -> s.startsWith("metric history"));
        assertThat(l.history().orElseThrow().results()).hasSize(4);
        assertThat(l.evaluationCount()).isEqualTo(4);
        org.ganeval4j.eval.Evaluation latest = l.latest().orElseThrow();
        assertThat(latest.iteration() + " " + latest.ok() + " " + latest.metricsOk()).isEqualTo("15 false true");
        assertThat(latest.outputFailures()).hasSize(1).hasKeySatisfying(
                new org.assertj.core.api.Condition<>(k -> k.startsWith("metric history"), "the history"));
        assertThat(MetricHistory.read(out)).as("the JSON history kept writing").hasSize(4);
        assertThat(MetricHistory.readOutputFailures(out)).extracting(OutputFailure::iteration).containsExactly(5L, 10L, 15L);

        // space again: the same file is appended to, the kept rows come first, nothing earlier is touched
        Files.delete(csv);
        Files.move(saved, csv);
        l.evaluateNow(16, 0);
        byte[] after = Files.readAllBytes(csv);
        assertThat(java.util.Arrays.copyOf(after, before.length)).isEqualTo(before);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.stream().skip(1).map(x -> x.split(",", -1)).map(r -> r[1] + " " + r[10]).toList())
                .containsExactly("0 ok", "5 ok", "5 output_failed", "10 ok", "10 output_failed", "15 ok",
                        "15 output_failed", "16 ok");
        assertThat(l.failingSinks()).noneMatch(s -> s.startsWith("metric history"));
    }

    @Test
    void theUiNotRunningIsLoggedOnceRecordedAndTrainingGoesOn(@TempDir Path out) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GanMetricsListener l = GanMetricsListener.builder(evaluator(flaky(c -> null)))
                .schedule(EvaluationSchedule.everyIterations(5)).outputDirectory(out).charts(false)
                .sink(UiSink.remote(URI.create("http://127.0.0.1:" + closed), "down", "")).build();
        String log = stderrOf(() -> assertThat(train(l, 15)).isEqualTo(15));
        assertThat(count(log, "failed (logged once")).isEqualTo(1);
        assertThat(log).contains("not reachable");
        assertThat(l.failingSinks()).anyMatch(s -> s.startsWith("DL4J UI"));
        assertThat(MetricHistory.read(out)).hasSize(3).allMatch(MetricResult::ok);
        assertThat(MetricHistory.readOutputFailures(out)).hasSize(3)
                .allMatch(f -> f.output().startsWith("DL4J UI") && f.reason().contains("not reachable"));
        assertThat(l.evaluationCount()).isEqualTo(3);
        assertThat(l.latest().orElseThrow()).matches(e -> e.metricsOk() && !e.ok());
    }

    @Test
    void failFastStopsTrainingWhenTheUiIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GanMetricsListener l = GanMetricsListener.builder(evaluator(flaky(c -> null)))
                .schedule(EvaluationSchedule.everyIterations(5)).failFast(true)
                .sink(UiSink.remote(URI.create("http://127.0.0.1:" + closed), "down", "")).build();
        assertThatThrownBy(() -> train(l, 20)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failFast").hasMessageContaining("DL4J UI");
        assertThat(l.lastIteration()).isEqualTo(5);
    }

    @Test
    void failFastStopsTraining() throws Exception {
        GanMetricsListener l = GanMetricsListener.builder(evaluator(flaky(call -> call == 1 ? "nan" : null)))
                .schedule(EvaluationSchedule.everyIterations(5)).failFast(true).build();
        assertThatThrownBy(() -> train(l, 20)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failFast").hasMessageContaining("NaN");
        assertThat(l.lastIteration()).isEqualTo(10);
    }
}
