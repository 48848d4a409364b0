package org.ganeval4j.gan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link Conv2dOpLayer} computes what DL4J's {@link ConvolutionLayer} computes (forward, parameter
 * and input gradients, float32), its gradients pass a float64 finite-difference check, it trains,
 * freezes and survives JSON and {@code ModelSerializer} round trips.
 */
class Conv2dOpLayerTest {
    /** Float32 agreement: the largest difference relative to the largest magnitude of the reference. */
    static final double FLOAT_TOLERANCE = 1e-5;

    /**
     * A convolution case: kernel, stride, mode, padding (Truncate only), input channels × height × width,
     * output channels, activation.
     */
    record Case(int k, int s, ConvolutionMode mode, int pad, int c, int h, int w, int nOut, IActivation act) {
        @Override
        public String toString() {
            return k + "x" + k + " stride " + s + " " + mode + (pad > 0 ? " pad " + pad : "") + ", " + c + "x" + h + "x"
                    + w + " -> " + nOut + ", " + act;
        }

        Layer reference() {
            return new ConvolutionLayer.Builder(k, k).stride(s, s).padding(pad, pad).convolutionMode(mode).nOut(nOut)
                    .activation(act).build();
        }

        Conv2dOpLayer op() {
            return Conv2dOpLayer.builder(k, k).stride(s, s).padding(pad, pad).convolutionMode(mode).nOut(nOut)
                    .activation(act).build();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(3, 1, ConvolutionMode.Same, 0, 3, 9, 9, 5, Activation.IDENTITY.getActivationFunction()),
                new Case(5, 1, ConvolutionMode.Same, 0, 2, 12, 10, 4, Activation.TANH.getActivationFunction()),
                new Case(5, 2, ConvolutionMode.Same, 0, 1, 28, 28, 8, new ActivationLReLU(0.2)),
                new Case(4, 2, ConvolutionMode.Same, 0, 3, 13, 11, 6, Activation.SIGMOID.getActivationFunction()),
                new Case(4, 2, ConvolutionMode.Truncate, 1, 4, 14, 14, 8, new ActivationLReLU(0.2)),
                new Case(3, 2, ConvolutionMode.Truncate, 0, 2, 9, 8, 3, Activation.RELU.getActivationFunction()));
    }

    private static MultiLayerNetwork lossNet(Layer conv, Case c, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(type).updater(new NoOp())
                .list().layer(conv)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(c.h(), c.w(), c.c())).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** max |a − b| / max |b|. */
    private static double relativeDifference(INDArray a, INDArray b) {
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-12);
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue() / scale;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndGradientsEqualConvolutionLayer(Case c) {
        MultiLayerNetwork ref = lossNet(c.reference(), c, DataType.FLOAT);
        MultiLayerNetwork op = lossNet(c.op(), c, DataType.FLOAT);
        INDArray refBias = ref.getLayer(0).getParam("b");
        refBias.assign(Nd4j.randn(DataType.FLOAT, refBias.shape()).muli(0.1));
        op.getLayer(0).getParam(Conv2dOpLayer.WEIGHT_KEY).assign(ref.getLayer(0).getParam("W"));
        op.getLayer(0).getParam(Conv2dOpLayer.BIAS_KEY).assign(refBias.reshape(c.nOut()));

        INDArray x = Nd4j.randn(DataType.FLOAT, 3, c.c(), c.h(), c.w());
        INDArray expected = ref.output(x);
        INDArray actual = op.output(x);
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(relativeDifference(actual, expected)).as("forward").isLessThan(FLOAT_TOLERANCE);

        INDArray labels = Nd4j.randn(DataType.FLOAT, expected.shape());
        Pair<Gradient, INDArray> g = ref.calculateGradients(x, labels, null, null);
        Pair<Gradient, INDArray> h = op.calculateGradients(x, labels, null, null);
        assertThat(relativeDifference(h.getFirst().getGradientFor("0_" + Conv2dOpLayer.WEIGHT_KEY),
                g.getFirst().getGradientFor("0_W"))).as("dL/dW").isLessThan(FLOAT_TOLERANCE);
        assertThat(relativeDifference(h.getFirst().getGradientFor("0_" + Conv2dOpLayer.BIAS_KEY),
                g.getFirst().getGradientFor("0_b").reshape(c.nOut()))).as("dL/db").isLessThan(FLOAT_TOLERANCE);
        assertThat(relativeDifference(h.getSecond(), g.getSecond())).as("dL/dx").isLessThan(FLOAT_TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientsPassAFloat64FiniteDifferenceCheck(Case c) {
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            // smooth activations only: ReLU kinks make finite differences unreliable
            IActivation act = c.act() instanceof ActivationLReLU || c.act() instanceof ActivationReLU
                    ? Activation.TANH.getActivationFunction() : c.act();
            Case smooth = new Case(c.k(), c.s(), c.mode(), c.pad(), c.c(), c.h(), c.w(), c.nOut(), act);
            MultiLayerNetwork net = lossNet(smooth.op(), smooth, DataType.DOUBLE);
            INDArray b = net.getLayer(0).getParam(Conv2dOpLayer.BIAS_KEY);
            b.assign(Nd4j.randn(DataType.DOUBLE, b.shape()).muli(0.1));
            INDArray x = Nd4j.randn(DataType.DOUBLE, 2, c.c(), c.h(), c.w());
            INDArray y = Nd4j.randn(DataType.DOUBLE, net.output(x).shape());
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-8)
                    // every bias and up to 48 weights per case, spread over the kernel (DL4J's subset mode)
                    .subset(true).maxPerParam(48)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertThat(ok).as("finite-difference check of " + smooth).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
    }

    private static MultiLayerConfiguration classifier(boolean freezeSecond) {
        Layer second = Conv2dOpLayer.builder(3, 3).stride(2, 2).nOut(8).activation(new ActivationLReLU(0.2)).build();
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(Conv2dOpLayer.builder(4, 4).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                        .nOut(6).activation(Activation.RELU).build())
                .layer(freezeSecond ? new FrozenLayerWithBackprop(second) : second)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(new ActivationSoftmax()).build())
                .setInputType(InputType.convolutional(16, 16, 1)).build();
    }

    /** Images with a bright square in the top half (class 0) or the bottom half (class 1). */
    private static DataSet squares(int n, long seed) {
        var rng = new java.util.Random(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 1, 16, 16).muli(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int cls = rng.nextInt(2);
            int top = cls == 0 ? rng.nextInt(4) : 8 + rng.nextInt(4);
            int left = rng.nextInt(12);
            for (int r = top; r < top + 4; r++) {
                for (int q = left; q < left + 4; q++) {
                    x.putScalar(new long[] {i, 0, r, q}, 1.0);
                }
            }
            y.putScalar(i, cls, 1.0);
        }
        return new DataSet(x, y);
    }

    @Test
    void aSmallNetworkLearns() {
        MultiLayerNetwork net = new MultiLayerNetwork(classifier(false));
        net.init();
        DataSet data = squares(64, 1);
        double first = net.score(data);
        for (int i = 0; i < 60; i++) {
            net.fit(data);
        }
        double last = net.score(data);
        assertThat(last).as("loss after 60 Adam steps, from %s", first).isLessThan(0.3 * first);
        DataSet unseen = squares(64, 2);
        INDArray predicted = net.output(unseen.getFeatures()).argMax(1);
        double accuracy = predicted.eq(unseen.getLabels().argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(accuracy).as("accuracy on unseen images").isGreaterThan(0.9);
    }

    @Test
    void aFrozenLayerPassesGradientsButKeepsItsParameters() {
        MultiLayerNetwork net = new MultiLayerNetwork(classifier(true));
        net.init();
        INDArray first = net.getLayer(0).params().dup();
        INDArray frozen = net.getLayer(1).params().dup();
        DataSet data = squares(32, 4);
        for (int i = 0; i < 3; i++) {
            net.fit(data);
        }
        assertThat(net.getLayer(1).params().data().asFloat()).containsExactly(frozen.data().asFloat());
        assertThat(net.getLayer(0).params().sub(first).amaxNumber().doubleValue()).as("layer below the frozen one trains")
                .isGreaterThan(1e-4);
    }

    @Test
    void jsonAndModelSerializerRoundTrips(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = classifier(true);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getConf(0).getLayer()).isInstanceOf(Conv2dOpLayer.class);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(squares(16, 5));
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray x = squares(8, 6).getFeatures();
        assertThat(restored.params().data().asFloat()).containsExactly(net.params().data().asFloat());
        assertThat(restored.output(x).data().asFloat()).containsExactly(net.output(x).data().asFloat());
    }

    @Test
    void initialisationUsesConvolutionLayerFans() {
        Case c = new Case(4, 2, ConvolutionMode.Same, 0, 16, 8, 8, 32, Activation.IDENTITY.getActivationFunction());
        INDArray w = lossNet(c.op(), c, DataType.FLOAT).getLayer(0).getParam(Conv2dOpLayer.WEIGHT_KEY);
        INDArray r = lossNet(c.reference(), c, DataType.FLOAT).getLayer(0).getParam("W");
        assertThat(w.shape()).containsExactly(r.shape());
        // Xavier: variance 2 / (fanIn + fanOut), fanIn = 16·16, fanOut = 32·16/4
        double expected = 2.0 / (16 * 16 + 32 * 16 / 4.0);
        assertThat(w.varNumber().doubleValue()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(r.varNumber().doubleValue()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(lossNet(c.op(), c, DataType.FLOAT).getLayer(0).getParam(Conv2dOpLayer.BIAS_KEY).sumNumber().doubleValue())
                .isZero();
    }

    @Test
    void refusesWhatItCannotCompute() {
        assertThrows(IllegalArgumentException.class, () -> Conv2dOpLayer.builder(0, 3).nOut(2).build());
        assertThrows(IllegalArgumentException.class, () -> Conv2dOpLayer.builder(3, 3).stride(0, 1).nOut(2).build());
        assertThrows(IllegalArgumentException.class, () -> Conv2dOpLayer.builder(3, 3).build());
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dOpLayer.builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Strict).build());
        assertThrows(IllegalArgumentException.class, () -> Conv2dOpLayer.builder(3, 3).nOut(2).padding(1, 1).build());
        assertThrows(IllegalArgumentException.class,
                () -> Conv2dOpLayer.builder(3, 3).nOut(2).activation(Activation.SOFTPLUS).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiLayerNetwork(
                new NeuralNetConfiguration.Builder().list().layer(Conv2dOpLayer.builder(3, 3).nOut(2).build())
                        .layer(new CnnLossLayer.Builder().build()).setInputType(InputType.feedForward(10)).build()));
        assertThat(e).hasMessageContaining("expects convolutional input");
    }
}
