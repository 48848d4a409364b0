package org.ganeval4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.ganeval4j.feature.Dl4jModelExtractor;
import org.ganeval4j.image.InputRange;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small real networks for evaluator tests: a dense generator of 3×8×8 tanh images and a conv extractor. */
final class TinyNets {
    static final int LATENT = 8;

    private TinyNets() {
    }

    static MultiLayerNetwork generator(long seed) {
        var conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).list()
                .layer(new DenseLayer.Builder().nIn(LATENT).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(3 * 8 * 8)
                        .activation(Activation.TANH).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static Dl4jModelExtractor extractor(long seed) {
        var conf = new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return Dl4jModelExtractor.builder("tiny-cnn", net).layer(1).inputRange(InputRange.MINUS_ONE_ONE)
                .imageSize(8, 8).build();
    }

    /** Batches of random "real" images, integer pixel values 0..255. */
    static List<INDArray> realImages(long seed, int n, int batch) {
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> out = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            int c = Math.min(batch, n - from);
            INDArray x = Nd4j.rand(DataType.FLOAT, c, 3, 8, 8).muli(255);
            out.add(org.nd4j.linalg.ops.transforms.Transforms.floor(x, false));
        }
        return out;
    }
}
