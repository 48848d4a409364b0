package org.ganeval4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.feature.ImageNetFeatureExtractor;
import org.ganeval4j.image.InputRange;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The Fréchet-distance feature extractors the examples offer. */
final class FdExtractors {
    /** The ids accepted by {@link #create}. */
    static final String IDS = "squeezenet, alexnet, mnist-cnn";

    private FdExtractors() {
    }

    /**
     * {@code squeezenet} / {@code alexnet}: ImageNet-trained trunks (FD-SqueezeNet / FD-AlexNet, weights
     * in the asset directory); {@code mnist-cnn}: a small fixed CNN with random weights for 28×28 gray
     * images — fast, fine for ranking runs against each other, meaningless elsewhere.
     */
    static FeatureExtractor create(String id, PrintStream log) throws IOException {
        FeatureExtractor e = switch (id) {
            case "squeezenet", "alexnet" -> ImageNetFeatureExtractor.byId(id, null);
            case "mnist-cnn" -> mnistCnn();
            default -> throw new IllegalArgumentException("unknown extractor '" + id + "' (expected " + IDS + ")");
        };
        log.println("features: " + e.spec().id());
        return e;
    }

    /** A small fixed CNN (random weights, seed 99): the 24 channels of its second convolution, globally pooled. */
    static Dl4jModelExtractor mnistCnn() {
        var conf = new NeuralNetConfiguration.Builder().seed(99).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModelExtractor.builder("mnist-cnn", net).layer(2).channels(1).inputRange(InputRange.ZERO_ONE)
                .imageSize(28, 28).build();
    }
}
