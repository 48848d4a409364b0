package org.ganeval4j.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ganeval4j.eval.FidInfinity;
import org.ganeval4j.eval.MsSsimDiversity;
import org.ganeval4j.metric.MsSsim;
import org.ganeval4j.metric.PairSelection;
import org.ganeval4j.metric.Ssim;
import org.ganeval4j.eval.FrechetMetric;
import org.ganeval4j.eval.GanEvaluator;
import org.ganeval4j.eval.MetricResult;
import org.ganeval4j.gan.Gan;
import org.ganeval4j.gan.GanConfig;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.sink.ChartSink;
import org.ganeval4j.sink.MetricHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID∞ as the listener's final evaluation on the reference DCGAN (MNIST, FD on the small fixed CNN):
 * FD on the schedule, FID∞ once at the end on scrambled-Sobol normal latents over a small grid (100 …
 * 400, 4 points) and MS-SSIM diversity, recorded in the history with its points, charted (over training and as its fit),
 * its last point equal to the plain FD of the same 400 samples.
 */
class InfinityListenerTest {
    static final int ITERATIONS = 40;

    @BeforeAll
    static void data() throws Exception {
        MnistFixture.load();
    }

    @Test
    void fidInfinityIsTheFinalEvaluation(@TempDir Path out) throws Exception {
        GanConfig config = GanConfig.mnistDcgan(3);
        Gan gan = Gan.build(config);
        // MS-SSIM diversity on 28×28 digits: 2 scales with a 7×7 window fit (the 5 default scales need 176 pixels)
        MsSsim.Options small = MsSsim.Options.defaults(255).withBetas(0.0448, 0.2856)
                .withSsim(Ssim.Options.defaults(255).withKernelSize(7));
        GanEvaluator periodic = GanEvaluator.builder(gan.generator(), gan.imageFormat(), gan.latentSpec(7))
                .samples(100).batchSize(100).metric(new FrechetMetric(MnistFixture.reference, MnistFixture.extractor))
                .metric(MsSsimDiversity.builder().options(small).pairs(PairSelection.random(200, 3)).build()).build();
        LatentSpec sobol = LatentSpec.sobolNormal(config.latentDim(), 7);
        try (FidInfinity fidInf = FidInfinity.builder(MnistFixture.reference, MnistFixture.extractor).grid(100, 400, 4).build()) {
            GanEvaluator last = GanEvaluator.builder(gan.generator(), gan.imageFormat(), sobol).samples(400).batchSize(100)
                    .metric(fidInf).build();
            GanMetricsListener listener = GanMetricsListener.builder(periodic)
                    .schedule(EvaluationSchedule.everyIterations(20)).outputDirectory(out).finalEvaluation(last).build();
            gan.combined().addListeners(listener);
            Random data = new Random(config.seed());
            for (int i = 0; i < ITERATIONS; i++) {
                gan.step(MnistFixture.mnist.trainingBatch(data, config.batchSize(), gan.imageFormat()));
            }
            listener.finish();
            assertThat(listener.latest().orElseThrow().result("FD-mnist-cnn")).as("latest: the scheduled evaluation")
                    .isNotNull();
        }

        List<MetricResult> history = MetricHistory.read(out);
        assertThat(history).allMatch(MetricResult::ok);
        String fd = "FD-mnist-cnn";
        assertThat(history.stream().filter(r -> r.name().equals(fd))).extracting(MetricResult::iteration)
                .containsExactly(20L, 40L);
        List<MetricResult> inf = history.stream().filter(r -> r.name().equals(fd + FidInfinity.SUFFIX)).toList();
        assertThat(inf).hasSize(1);
        MetricResult r = inf.get(0);
        assertThat(r.iteration()).isEqualTo(ITERATIONS);
        assertThat(r.samples()).isEqualTo(400);
        assertThat(r.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(r.details().get("n")).isEqualTo(List.of(100, 200, 300, 400));
        @SuppressWarnings("unchecked")
        List<Number> fidN = (List<Number>) r.details().get("fid_n");
        assertThat(fidN).hasSize(4);
        assertThat(r.details()).containsKeys("slope", "r2");
        assertThat(Files.readString(out.resolve(MetricHistory.JSONL))).contains("\"fid_n\":[");

        // the last point is the plain FD of the same 400 samples
        GanEvaluator plain = GanEvaluator.builder(gan.generator(), gan.imageFormat(), sobol).samples(400).batchSize(100)
                .metric(new FrechetMetric(MnistFixture.reference, MnistFixture.extractor)).build();
        double fd400 = plain.evaluate(ITERATIONS, 0).result(fd).value();
        assertThat(fidN.get(3).doubleValue()).isCloseTo(fd400, org.assertj.core.data.Offset.offset(1e-9 * fd400));

        List<MetricResult> diversity = history.stream().filter(x -> x.name().equals(MsSsimDiversity.NAME)).toList();
        assertThat(diversity).extracting(MetricResult::iteration).containsExactly(20L, 40L);
        assertThat(diversity).allMatch(x -> x.value() > 0 && x.value() <= 1 && x.std() > 0
                && x.direction() == Direction.LOWER_IS_BETTER);
        for (String chart : new String[] {ChartSink.fileName(r.name()), ChartSink.fitFileName(r.name()),
            ChartSink.fileName(fd), ChartSink.fileName(MsSsimDiversity.NAME)}) {
            assertThat(ImageIO.read(out.resolve(chart).toFile())).as(chart).isNotNull();
        }
    }
}
