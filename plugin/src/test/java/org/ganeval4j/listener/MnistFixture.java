package org.ganeval4j.listener;

import java.io.IOException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.eval.ReferenceStatistics;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.image.ImageSources;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.stats.GaussianStats;
import org.ganeval4j.testing.TestData;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * MNIST from the asset folder (2,000 images), a small fixed CNN as feature extractor and its reference
 * statistics; shared by the listener and Arbiter tests.
 */
public final class MnistFixture {
    public static ImageDataset mnist;
    public static Dl4jModelExtractor extractor;
    public static GaussianStats reference;

    private MnistFixture() {
    }

    public static synchronized void load() throws IOException {
        if (mnist != null) {
            return;
        }
        try (ImageSource s = ImageSources.open(TestData.asset("datasets/mnist/t10k-images-idx3-ubyte.gz"),
                ImageSources.Options.defaults().withLimit(2000, 1))) {
            mnist = ImageDataset.load(s, 0);
        }
        var conf = new NeuralNetConfiguration.Builder().seed(99).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(24).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        extractor = Dl4jModelExtractor.builder("mnist-cnn", net).layer(2).channels(1).inputRange(InputRange.ZERO_ONE)
                .imageSize(28, 28).build();
        reference = ReferenceStatistics.compute(extractor, mnist.canonicalBatches(250), "mnist-t10k-2000");
    }
}
