package org.ganeval4j.gan;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.Beta;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.InputRange;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small fixed CNN with random weights (seed 99) for 28×28 gray images, as a feature extractor named
 * {@value #NAME}: the 24 channels of its second convolution, globally averaged (FD-mnist-cnn). Cheap,
 * and fine for ranking runs of one sweep against each other; its values mean nothing elsewhere (not
 * FID, not comparable across extractors). Used by the examples and the tests.
 */
@Beta
public final class MnistCnn {
    /** The extractor's name. */
    public static final String NAME = "mnist-cnn";

    private MnistCnn() {
    }

    /** A new extractor (conv 5×5×16 ReLU, max-pool 2, conv 5×5×24 tanh; input scaled to [0, 1]). */
    public static Dl4jModelExtractor extractor() {
        var conf = new NeuralNetConfiguration.Builder().seed(99).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModelExtractor.builder(NAME, net).layer(2).channels(1).inputRange(InputRange.ZERO_ONE)
                .imageSize(28, 28).build();
    }
}
