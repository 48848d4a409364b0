package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.sink.MetricHistory;
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
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void nanImagesAndAThrowingGeneratorAreRecordedAndTrainingGoesOn(@TempDir Path out) throws Exception {
        Generator g = flaky(call -> call == 1 ? "nan" : call == 2 ? "throw" : null);
        GanMetricsListener l = GanMetricsListener.builder(evaluator(g)).schedule(EvaluationSchedule.everyIterations(5))
                .outputDirectory(out).charts(false).build();
        assertThat(train(l, 20)).isEqualTo(20);
        List<MetricResult> h = MetricHistory.read(out);
        assertThat(h).extracting(MetricResult::iteration).containsExactly(5L, 10L, 15L, 20L);
        assertThat(h).extracting(MetricResult::ok).containsExactly(true, false, false, true);
        assertThat(h.get(1).failure()).contains("NaN");
        assertThat(h.get(2).failure()).contains("generator crashed on purpose");
        assertThat(Files.readString(out.resolve(MetricHistory.CSV))).contains("failed");
    }

    @Test
    void aFullDiskIsLoggedOnceAndNothingWrittenIsLost(@TempDir Path out) throws Exception {
        Path devFull = Paths.get("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "/dev/full (Linux) simulates a full disk");
        GanMetricsListener l = GanMetricsListener.builder(evaluator(flaky(c -> null)))
                .schedule(EvaluationSchedule.everyIterations(5)).outputDirectory(out).charts(false).sampleGrid(false)
                .build();
        // an earlier run's history
        l.evaluateNow(0, 0);
        byte[] before = Files.readAllBytes(out.resolve(MetricHistory.CSV));
        Path saved = out.resolve("saved.csv");
        Files.move(out.resolve(MetricHistory.CSV), saved);
        Files.createSymbolicLink(out.resolve(MetricHistory.CSV), devFull);
        String log = stderrOf(() -> assertThat(train(l, 15)).isEqualTo(15));
        assertThat(count(log, "failed (logged once")).isEqualTo(1);
        assertThat(log).contains("No space left on device");
        assertThat(l.failingSinks()).anyMatch(s -> s.startsWith("metric history"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(before);
        assertThat(l.history().orElseThrow().results()).hasSize(4);
        assertThat(MetricHistory.read(out)).as("the JSON history kept writing").hasSize(4);
    }

    @Test
    void theUiNotRunningIsLoggedOnceAndTrainingGoesOn(@TempDir Path out) throws Exception {
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
