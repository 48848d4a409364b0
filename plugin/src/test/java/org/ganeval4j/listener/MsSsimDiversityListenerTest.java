package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.arbiter.GanMetricScoreFunction;
import org.ganeval4j.earlystopping.GanScoreCalculator;
import org.ganeval4j.earlystopping.MetricMonitor;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.eval.MsSsimDiversity;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.Ssim;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * MS-SSIM diversity in the listener: a small generator of 1×32×32 images is trained to map every
 * latent to one target image (a mode collapse on purpose). The history holds the diversity and the
 * real images' score at every scheduled iteration, the chart is drawn, the score rises towards 1 as
 * the samples collapse, and the direction (lower is better) reaches early stopping, the score
 * calculator and Arbiter.
 */
class MsSsimDiversityListenerTest {
    private static final MsSsim.Options SMALL = MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856, 0.3001)
            .withSsim(Ssim.Options.defaults(255).withKernelSize(7));

    private static MultiLayerNetwork generator() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.02)).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(64).nOut(32 * 32)
                        .activation(Activation.TANH).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void aCollapsingGeneratorRaisesTheScoreInTheHistory(@TempDir Path out) throws Exception {
        MultiLayerNetwork net = generator();
        INDArray real = MsSsimDiversityTestImages.of(11, 16);
        MsSsimDiversity metric = MsSsimDiversity.builder().options(SMALL).pairs(PairSelection.random(60, 2))
                .realImages(real).build();
        GanEvaluator evaluator = GanEvaluator.builder(Generator.of(net),
                ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 1, 32, 32), LatentSpec.normal(8, 4))
                .samples(24).batchSize(12).previewImages(0).metric(metric).build();
        GanMetricsListener listener = GanMetricsListener.builder(evaluator)
                .schedule(EvaluationSchedule.everyIterations(20)).outputDirectory(out)
                .monitor(MetricMonitor.builder(MsSsimDiversity.NAME).build()).build();
        net.addListeners(listener);
        listener.evaluateNow(0, 0);
        float[] target = new float[32 * 32];
        for (int p = 0; p < target.length; p++) {
            target[p] = (float) (0.8 * Math.sin(p % 32 / 3.0) * Math.cos(p / 32 / 4.0));
        }
        INDArray labels = Nd4j.create(target, new long[] {1, 32 * 32}, 'c').repeat(0, 16);
        Nd4j.getRandom().setSeed(5);
        for (int i = 0; i < 60; i++) {
            net.fit(new DataSet(Nd4j.randn(DataType.FLOAT, 16, 8), labels));
        }
        listener.finish();

        List<MetricResult> history = MetricHistory.read(out);
        assertThat(history).allMatch(MetricResult::ok);
        List<MetricResult> div = history.stream().filter(r -> r.name().equals(MsSsimDiversity.NAME)).toList();
        List<MetricResult> realRows = history.stream().filter(r -> r.name().equals(MsSsimDiversity.NAME + "-real")).toList();
        assertThat(div).extracting(MetricResult::iteration).containsExactly(0L, 20L, 40L, 60L);
        assertThat(realRows).extracting(MetricResult::iteration).containsExactly(0L, 20L, 40L, 60L);
        assertThat(div).allMatch(r -> r.direction() == Direction.LOWER_IS_BETTER && r.std() > 0 && r.samples() == 24);
        assertThat(realRows).extracting(MetricResult::value).containsOnly(metric.real().mean());
        double first = div.get(0).value();
        double last = div.get(div.size() - 1).value();
        assertThat(last).as("collapsed samples vs the untrained generator's").isGreaterThan(first + 0.2).isLessThanOrEqualTo(1.0);
        assertThat(out.resolve(ChartSink.fileName(MsSsimDiversity.NAME))).exists();
        assertThat(listener.monitor().orElseThrow().best().orElseThrow().iteration()).as("lower is better: the start")
                .isZero();

        assertThat(GanScoreCalculator.of(evaluator, MsSsimDiversity.NAME, m -> Generator.of((MultiLayerNetwork) m))
                .minimizeScore()).isTrue();
        assertThat(listener.scoreCalculator(MsSsimDiversity.NAME + "-real").minimizeScore()).isTrue();
        assertThat(GanMetricScoreFunction.of(metric.name(), metric.direction(), GanMetricScoreFunction.Selection.BEST)
                .minimize()).isTrue();
        assertThat(GanMetricScoreFunction.of(MsSsimDiversity.builder().options(SMALL).build()).minimize()).isTrue();
    }

    /** Real images for the test: smooth patterns with noise, whole levels. */
    static final class MsSsimDiversityTestImages {
        static INDArray of(long seed, int n) {
            java.util.Random r = new java.util.Random(seed);
            float[] v = new float[n * 32 * 32];
            for (int k = 0; k < n; k++) {
                double phase = r.nextDouble() * 6;
                for (int p = 0; p < 32 * 32; p++) {
                    double s = 128 + 90 * Math.sin(p % 32 / 4.0 + phase) * Math.cos(p / 32 / 5.0 - phase);
                    v[k * 1024 + p] = (float) Math.max(0, Math.min(255, Math.round(s + r.nextGaussian() * 20)));
                }
            }
            return Nd4j.create(v, new long[] {n, 1, 32, 32}, 'c');
        }
    }
}
