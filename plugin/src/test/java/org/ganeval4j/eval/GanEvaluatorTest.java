package org.ganeval4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.metric.Direction;
import org.ganeval4j.metric.FrechetDistance;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.StatsProvenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GanEvaluatorTest {
    static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 8, 8);
    static MultiLayerNetwork generator;
    static Dl4jModelExtractor extractor;
    static GaussianStats reference;

    @BeforeAll
    static void setUp() {
        generator = TinyNets.generator(1);
        extractor = TinyNets.extractor(2);
        reference = ReferenceStatistics.compute(extractor, TinyNets.realImages(3, 200, 32).iterator(), "noise");
    }

    private static GanEvaluator evaluator(int samples, int batch) {
        return GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(TinyNets.LATENT, 42))
                .samples(samples).batchSize(batch).metric(new FrechetMetric(reference, extractor)).build();
    }

    @Test
    void evaluationsAreRepeatableAndIndependentOfBatchSize() {
        Evaluation a = evaluator(100, 7).evaluate(10, 0);
        Evaluation b = evaluator(100, 7).evaluate(20, 0);
        Evaluation c = evaluator(100, 100).evaluate(30, 0);
        MetricResult ra = a.result("FD-tiny-cnn");
        assertThat(ra).isNotNull();
        assertThat(ra.ok()).as(String.valueOf(ra.failure())).isTrue();
        assertThat(ra.value()).isPositive();
        assertThat(ra.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(ra.samples()).isEqualTo(100);
        assertThat(ra.iteration()).isEqualTo(10);
        assertThat(ra.extractorId()).isEqualTo("tiny-cnn/layer_1@none");
        assertThat(b.results().get(0).value()).isEqualTo(ra.value());
        assertThat(c.results().get(0).value()).isCloseTo(ra.value(), within(1e-5 * ra.value()));
        assertThat(a.samples().shape()).containsExactly(36, 3, 8, 8);
    }

    @Test
    void matchesTheDistanceComputedByHand() {
        int n = 5; // fewer samples than feature dimensions: the low-rank route
        LatentSpec latent = LatentSpec.normal(TinyNets.LATENT, 42);
        INDArray images = FORMAT.toCanonical(generator.output(latent.latents(0, n), false));
        FeatureMatrix f = FeatureMatrix.of(extractor.extract(images));
        double expected = FrechetDistance.compute(reference, f).value();
        double viaStats = FrechetDistance.compute(reference, f.toStats(StatsProvenance.unknown())).value();
        assertThat(viaStats).isCloseTo(expected, within(1e-9 * expected));
        assertThat(evaluator(n, 2).evaluate(0, 0).results().get(0).value()).isCloseTo(expected, within(1e-9 * expected));
    }

    @Test
    void evaluationLeavesTheModelAndNd4jsRandomStreamUntouched() {
        INDArray params = generator.params().dup();
        Nd4j.getRandom().setSeed(123);
        double expected = Nd4j.rand(DataType.DOUBLE, 1).getDouble(0);
        Nd4j.getRandom().setSeed(123);
        evaluator(50, 16).evaluate(0, 0);
        assertThat(Nd4j.rand(DataType.DOUBLE, 1).getDouble(0)).isEqualTo(expected);
        assertThat(generator.params()).isEqualTo(params);
    }

    @Test
    void nanImagesAndThrowingGeneratorsAreRecordedAsFailures() {
        Generator nan = Generator.of(z -> Nd4j.valueArrayOf(new long[] {z.size(0), 3 * 8 * 8}, Double.NaN, DataType.FLOAT));
        GanEvaluator e = GanEvaluator.builder(nan, FORMAT, LatentSpec.normal(TinyNets.LATENT, 1)).samples(10)
                .metric(new FrechetMetric(reference, extractor)).build();
        MetricResult r = e.evaluate(5, 0).results().get(0);
        assertThat(r.ok()).isFalse();
        assertThat(r.failure()).contains("NaN");
        assertThat(r.iteration()).isEqualTo(5);

        Generator boom = Generator.of(z -> {
            throw new IllegalStateException("generator exploded");
        });
        MetricResult r2 = GanEvaluator.builder(boom, FORMAT, LatentSpec.normal(TinyNets.LATENT, 1)).samples(10)
                .metric(new FrechetMetric(reference, extractor)).build().evaluate(6, 0).results().get(0);
        assertThat(r2.failure()).contains("generator exploded");

        Generator wrongShape = Generator.of(z -> Nd4j.zeros(DataType.FLOAT, z.size(0), 7));
        MetricResult r3 = GanEvaluator.builder(wrongShape, FORMAT, LatentSpec.normal(TinyNets.LATENT, 1)).samples(10)
                .metric(new FrechetMetric(reference, extractor)).build().evaluate(7, 0).results().get(0);
        assertThat(r3.failure()).contains("[10, 192]").contains("[10, 7]");
    }

    @Test
    void mismatchedReferenceIsRefused() {
        GaussianStats other = new GaussianStats(new double[6], identity(6), 10,
                new StatsProvenance("fid-inception", "pool_2048", 6, null, "pytorch", null, null));
        assertThatThrownBy(() -> new FrechetMetric(other, extractor)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extractor: fid-inception vs tiny-cnn");
        GaussianStats wrongDim = new GaussianStats(new double[3], identity(3), 10, StatsProvenance.unknown());
        assertThatThrownBy(() -> new FrechetMetric(wrongDim, extractor)).hasMessageContaining("d=3").hasMessageContaining("d=6");
        assertThatThrownBy(() -> GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(8, 1)).build())
                .hasMessageContaining("at least one metric");
        assertThatThrownBy(() -> GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(8, 1))
                .samples(1).metric(new FrechetMetric(reference, extractor)).build()).hasMessageContaining("got 1");
    }

    @Test
    void aReferenceStatsFileIsReadAndItsMetadataChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path good = dir.resolve("noise.npz");
        org.ganeval4j.stats.StatsFile.write(good, reference);
        try (FrechetMetric fromFile = FrechetMetric.fromFile(good, extractor);
             FrechetMetric direct = new FrechetMetric(reference, extractor)) {
            double a = GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(TinyNets.LATENT, 42))
                    .samples(50).metric(fromFile).build().evaluate(1, 0).result(fromFile.name()).value();
            double b = GanEvaluator.builder(Generator.of(generator), FORMAT, LatentSpec.normal(TinyNets.LATENT, 42))
                    .samples(50).metric(direct).build().evaluate(1, 0).result(direct.name()).value();
            assertThat(a).isEqualTo(b);
        }
        java.nio.file.Path other = dir.resolve("inception.npz");
        org.ganeval4j.stats.StatsFile.write(other, new GaussianStats(new double[6], identity(6), 10,
                new StatsProvenance("fid-inception", "pool_2048", 6, null, "pytorch", null, null)));
        assertThatThrownBy(() -> FrechetMetric.fromFile(other, extractor)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inception.npz").hasMessageContaining("extractor: fid-inception vs tiny-cnn");
    }

    @Test
    void conditionalLatentsAreBalancedAndSeeded() {
        LatentSpec l = LatentSpec.normal(4, 9).withClasses(3);
        assertThat(l.labels(0, 6).argMax(1).toLongVector()).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(l.latents(2, 3)).isEqualTo(l.latents(0, 5).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5)));
        assertThat(LatentSpec.normal(4, 9).asConvolutional().latents(0, 2).shape()).containsExactly(2, 4, 1, 1);
        assertThat(List.of(l.latents(0, 1).getFloat(0), LatentSpec.normal(4, 10).latents(0, 1).getFloat(0)))
                .doesNotHaveDuplicates();
    }

    private static double[] identity(int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            c[i * d + i] = 1;
        }
        return c;
    }
}
