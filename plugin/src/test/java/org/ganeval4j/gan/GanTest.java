package org.ganeval4j.gan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.image.ImageFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/** The reference GAN's networks: shapes, the alternating update, and float64 gradients end to end. */
class GanTest {
    /** A tiny configuration: 8×8 gray images, latent 3, widths 2. */
    private static GanConfig tiny(GanConfig.Architecture a) {
        return new GanConfig(a, 3, 1, 8, 8, 2, 2, 1e-3, 1e-3, 0.5, 4, 9);
    }

    @ParameterizedTest
    @EnumSource(GanConfig.Architecture.class)
    void theGeneratorMakesImagesInItsFormatAndSurvivesCloning(GanConfig.Architecture a) {
        GanConfig c = a == GanConfig.Architecture.MLP ? GanConfig.mnistMlp(1) : GanConfig.mnistDcgan(1);
        Gan gan = Gan.build(c);
        INDArray z = gan.latentSpec(3).latents(0, 5);
        INDArray images = gan.generator().sample(z, null);
        assertThat(gan.generator().snapshot().sample(z, null).data().asFloat()).as("a cloned network")
                .containsExactly(images.data().asFloat());
        long[] expected = a == GanConfig.Architecture.MLP ? new long[] {5, 784} : new long[] {5, 1, 28, 28};
        assertThat(images.shape()).containsExactly(expected);
        assertThat(images.amaxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(gan.imageFormat().layout())
                .isEqualTo(a == GanConfig.Architecture.MLP ? ImageFormat.Layout.FLAT : ImageFormat.Layout.NCHW);
    }

    @ParameterizedTest
    @EnumSource(GanConfig.Architecture.class)
    void aStepTrainsBothAndKeepsTheFrozenCopyInSync(GanConfig.Architecture a) {
        GanConfig c = tiny(a);
        Gan gan = Gan.build(c);
        long nGen = gan.combined().numParams() - gan.discriminator().numParams();
        INDArray generator = gan.combined().params().get(NDArrayIndex.interval(0, nGen)).dup();
        INDArray discriminator = gan.discriminator().params().dup();
        INDArray real = Nd4j.rand(DataType.FLOAT, c.batchSize(), 64).muli(2).subi(1);
        if (a == GanConfig.Architecture.DCGAN) {
            real = real.reshape(c.batchSize(), 1, 8, 8);
        }
        gan.step(real);
        gan.step(real);
        assertThat(gan.steps()).isEqualTo(2);
        INDArray frozen = gan.combined().params().get(NDArrayIndex.interval(nGen, gan.combined().numParams()));
        assertThat(frozen.data().asFloat()).as("frozen discriminator after the generator update")
                .containsExactly(gan.discriminator().params().data().asFloat());
        assertThat(gan.discriminator().params().sub(discriminator).amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(gan.combined().params().get(NDArrayIndex.interval(0, nGen)).sub(generator).amaxNumber()
                .doubleValue()).isGreaterThan(0);
    }

    @Test
    void dcganGradientsPassAFloat64FiniteDifferenceCheckThroughTheFrozenDiscriminator() {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            GanConfig c = tiny(GanConfig.Architecture.DCGAN);
            MultiLayerNetwork combined = new MultiLayerNetwork(Gan.combinedConfiguration(c,
                    new NeuralNetConfiguration.Builder().seed(4).updater(new NoOp()).dataType(DataType.DOUBLE)));
            combined.init();
            int generatorLayers = Gan.generatorLayers(c).size();
            Set<String> frozen = new HashSet<>();
            for (var p : combined.paramTable().entrySet()) {
                if (Integer.parseInt(p.getKey().substring(0, p.getKey().indexOf('_'))) >= generatorLayers) {
                    frozen.add(p.getKey());
                }
                if (p.getKey().endsWith("_b")) {
                    // zero biases put ReLU inputs exactly on the kink where ReLU(0 ± ε) is one-sided
                    p.getValue().assign(Nd4j.randn(DataType.DOUBLE, p.getValue().shape()).muli(0.1));
                }
            }
            INDArray z = Nd4j.randn(DataType.DOUBLE, 3, c.latentDim());
            INDArray y = Nd4j.ones(DataType.DOUBLE, 3, 1);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(combined).input(z)
                    .labels(y).excludeParams(frozen).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertThat(ok).as("generator gradients through the frozen discriminator").isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }
}
