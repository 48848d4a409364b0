package org.ganeval4j.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The reference GAN: a discriminator network and a combined network (generator layers followed by
 * the discriminator's layers wrapped in {@link FrozenLayerWithBackprop}), the usual DL4J pattern.
 * One {@link #step} trains the discriminator on a real and a generated batch (labels 1 and 0),
 * copies its parameters into the combined network and trains the generator through the frozen
 * discriminator with label 1. The generator is {@link #generator()}: the activations of the
 * combined network's last generator layer, images in [−1, 1] (tanh).
 *
 * <p>Training noise is drawn from ND4J's global random generator, seeded at construction; attach
 * listeners to {@link #combined()}, whose {@code fit} advances the generator. Not thread safe.
 */
public final class Gan {
    private final GanConfig config;
    private final MultiLayerNetwork discriminator;
    private final MultiLayerNetwork combined;
    private final int generatorLayers;
    private final long generatorParams;
    private long steps;

    private Gan(GanConfig config) {
        this.config = config;
        List<Layer> g = generatorLayers(config);
        List<Layer> d = discriminatorLayers(config);
        this.generatorLayers = g.size();
        Nd4j.getRandom().setSeed(config.seed());

        var dConf = base(config.seed(), config.discriminatorLr(), config.beta1()).list();
        for (Layer l : d) {
            dConf.layer(l.clone());
        }
        dConf.setInputType(imageInputType(config));
        this.discriminator = new MultiLayerNetwork(dConf.build());
        discriminator.init();

        var cConf = base(config.seed(), config.generatorLr(), config.beta1()).list();
        for (Layer l : g) {
            cConf.layer(l);
        }
        for (Layer l : d) {
            cConf.layer(new FrozenLayerWithBackprop(l.clone()));
        }
        if (config.architecture() == GanConfig.Architecture.DCGAN) {
            cConf.inputPreProcessor(1, new FeedForwardToCnnPreProcessor(config.height() / 4, config.width() / 4,
                    2L * config.generatorWidth()));
        }
        cConf.setInputType(InputType.feedForward(config.latentDim()));
        MultiLayerConfiguration cc = cConf.build();
        this.combined = new MultiLayerNetwork(cc);
        combined.init();
        long total = combined.numParams();
        this.generatorParams = total - discriminator.numParams();
        syncDiscriminator();
    }

    /** Builds the networks of {@code config}. */
    public static Gan build(GanConfig config) {
        return new Gan(Objects.requireNonNull(config, "config"));
    }

    private static NeuralNetConfiguration.Builder base(long seed, double lr, double beta1) {
        return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .updater(new Adam(lr, beta1, 0.999, 1e-8)).dataType(DataType.FLOAT);
    }

    private static InputType imageInputType(GanConfig c) {
        return c.architecture() == GanConfig.Architecture.MLP
                ? InputType.feedForward((long) c.channels() * c.height() * c.width())
                : InputType.convolutional(c.height(), c.width(), c.channels());
    }

    private static List<Layer> generatorLayers(GanConfig c) {
        List<Layer> out = new ArrayList<>();
        int w = c.generatorWidth();
        if (c.architecture() == GanConfig.Architecture.MLP) {
            out.add(new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build());
            out.add(new DenseLayer.Builder().nOut(2 * w).activation(Activation.RELU).build());
            out.add(new DenseLayer.Builder().nOut((long) c.channels() * c.height() * c.width()).activation(Activation.TANH)
                    .build());
            return out;
        }
        out.add(new DenseLayer.Builder().nOut(2L * w * (c.height() / 4) * (c.width() / 4)).activation(Activation.RELU)
                .build());
        out.add(new Upsampling2D.Builder(2).build());
        out.add(new ConvolutionLayer.Builder(5, 5).nOut(w).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU).build());
        out.add(new Upsampling2D.Builder(2).build());
        out.add(new ConvolutionLayer.Builder(5, 5).nOut(c.channels()).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.TANH).build());
        return out;
    }

    private static List<Layer> discriminatorLayers(GanConfig c) {
        List<Layer> out = new ArrayList<>();
        int w = c.discriminatorWidth();
        if (c.architecture() == GanConfig.Architecture.MLP) {
            out.add(new DenseLayer.Builder().nOut(2 * w).activation(new ActivationLReLU(0.2)).build());
            out.add(new DenseLayer.Builder().nOut(w).activation(new ActivationLReLU(0.2)).build());
        } else {
            out.add(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(w).convolutionMode(ConvolutionMode.Same)
                    .activation(new ActivationLReLU(0.2)).build());
            out.add(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(2 * w).convolutionMode(ConvolutionMode.Same)
                    .activation(new ActivationLReLU(0.2)).build());
        }
        out.add(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build());
        return out;
    }

    /** The hyperparameters. */
    public GanConfig config() {
        return config;
    }

    /** The discriminator. */
    public MultiLayerNetwork discriminator() {
        return discriminator;
    }

    /** Generator layers + frozen discriminator layers; its {@code fit} trains the generator. */
    public MultiLayerNetwork combined() {
        return combined;
    }

    /** Index of the combined network's last generator layer. */
    public int generatorOutputLayer() {
        return generatorLayers - 1;
    }

    /** The generator, for evaluation. */
    public ModelGenerator generator() {
        return Generator.layerOf(combined, generatorOutputLayer());
    }

    /** How generated images are laid out: flat [N, C·H·W] (MLP) or NCHW (DCGAN), tanh range. */
    public ImageFormat imageFormat() {
        ImageFormat.Layout layout = config.architecture() == GanConfig.Architecture.MLP ? ImageFormat.Layout.FLAT
                : ImageFormat.Layout.NCHW;
        return ImageFormat.of(layout, InputRange.MINUS_ONE_ONE, config.channels(), config.height(), config.width());
    }

    /** The latent distribution, standard normal of {@link GanConfig#latentDim()}, with the given evaluation seed. */
    public LatentSpec latentSpec(long seed) {
        return LatentSpec.normal(config.latentDim(), seed);
    }

    /** Alternating updates done. */
    public long steps() {
        return steps;
    }

    /**
     * One alternating update on a batch of real images, in the generator's layout and range [−1, 1]
     * (see {@link ImageDataset#trainingBatch}).
     */
    public void step(INDArray real) {
        int b = (int) real.size(0);
        INDArray fake = combined.feedForwardToLayer(generatorOutputLayer(), noise(b), false).get(generatorLayers);
        INDArray x = Nd4j.concat(0, real.castTo(DataType.FLOAT), fake);
        INDArray y = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, b, 1), Nd4j.zeros(DataType.FLOAT, b, 1));
        discriminator.fit(new DataSet(x, y));
        syncDiscriminator();
        combined.fit(new DataSet(noise(b), Nd4j.ones(DataType.FLOAT, b, 1)));
        steps++;
    }

    private INDArray noise(int b) {
        return Nd4j.randn(DataType.FLOAT, b, config.latentDim());
    }

    /** Copies the discriminator's parameters into the combined network's frozen copy. */
    private void syncDiscriminator() {
        combined.params().get(NDArrayIndex.interval(generatorParams, combined.numParams())).assign(discriminator.params());
    }
}
