package org.ganeval4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.metric.FeatureReservoir;
import org.ganeval4j.metric.InceptionScore;
import org.ganeval4j.metric.InceptionScoreResult;
import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.stats.GaussianStatsAccumulator;
import org.ganeval4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A saved generator evaluated over many samples: each partition generates its slice of the seeded
 * latent sequence, so one partition and three give the single-machine statistics, reservoir and
 * Inception Score.
 */
class SavedGeneratorTest {
    private static final int SAMPLES = 80;
    private static final int BATCH = 16;
    private static final LatentSpec LATENT = LatentSpec.normal(8, 42);
    private static final ImageFormat FORMAT = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, 3, 16, 16);
    private static final InceptionScore IS = InceptionScore.builder().splits(4).build();

    @TempDir
    Path dir;

    @Test
    void partitionsGenerateTheirSliceOfTheLatentSequence() throws Exception {
        TestData.assets();
        MultiLayerNetwork g = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(3 * 16 * 16)
                        .activation(Activation.TANH).build())
                .build());
        g.init();
        Path zip = dir.resolve("generator.zip");
        ModelSerializer.writeModel(g, zip.toFile(), false);

        FeatureMatrix f;
        GaussianStats local;
        try (FeatureExtractor fx = Extractors.create(Extractors.Choice.of("squeezenet"));
             GaussianStatsAccumulator acc = new GaussianStatsAccumulator(512)) {
            float[] all = new float[SAMPLES * 512];
            for (int from = 0; from < SAMPLES; from += BATCH) {
                INDArray images = FORMAT.toCanonical(g.output(LATENT.latents(from, BATCH), false));
                INDArray feats = fx.extract(images);
                acc.add(feats);
                System.arraycopy(feats.dup('c').data().asFloat(), 0, all, from * 512, BATCH * 512);
            }
            f = FeatureMatrix.of(all, SAMPLES, 512);
            local = acc.toStats(fx.spec().provenance("generator.zip"));
        }
        FeatureReservoir expected = FeatureReservoir.builder(30, 512).seed(9).build();
        expected.add(f);
        InceptionScoreResult expectedIs = IS.compute(f);

        GeneratorRef saved = GeneratorRef.of(zip, null, LATENT, FORMAT);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("gen"))) {
            for (int parts : new int[] {1, 3}) {
                SparkResult r = SparkEvaluation.generator(saved, SAMPLES, ExtractorRef.of("squeezenet", BATCH))
                        .partitions(parts).reservoir(30, 9).inceptionScore(IS, "pool_512").build().run(sc);
                assertThat(r.partitions()).isEqualTo(parts);
                assertThat(r.images()).isEqualTo(SAMPLES);
                Stats.assertClose(r.statistics(), local, 1e-12);
                assertThat(r.statistics().provenance()).isEqualTo(local.provenance());
                assertThat(r.reservoir().snapshot().toArray()).containsExactly(expected.snapshot().toArray());
                assertThat(r.inceptionScore().mean()).isCloseTo(expectedIs.mean(), within(1e-12 * expectedIs.mean()));
            }
        }
        assertThat(saved.latentSpec()).isEqualTo(LATENT);
        assertThat(saved.imageFormat()).isEqualTo(FORMAT);
    }
}
