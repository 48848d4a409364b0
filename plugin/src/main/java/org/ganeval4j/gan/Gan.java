package org.ganeval4j.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ganeval4j.Beta;
import org.ganeval4j.gan.internal.Conv2dOpLayer;
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
 * <p>DCGAN (Radford et al., 2016, "Unsupervised Representation Learning with Deep Convolutional
 * Generative Adversarial Networks", in the PyTorch example's 4×4 / stride 2 / padding 1 form, without
 * batch normalisation): the generator maps z through a dense ReLU layer to {@code 2·gw} feature maps of
 * H/4 × W/4 and two transposed convolutions (DL4J {@code Deconvolution2D}, ReLU then tanh) to H × W; the
 * discriminator has two strided convolutions ({@code gan.internal.Conv2dOpLayer}, leaky ReLU 0.2) with
 * {@code dw} and {@code 2·dw} channels and a sigmoid output. Both convolution kinds run libnd4j's
 * custom ops, oneDNN primitives in the oneDNN build of nd4j-native: one step of the MNIST preset (batch
 * 64) takes about 0.11 s on one core of an idle AMD EPYC. On a shared machine run with
 * {@code OMP_NUM_THREADS=1} or {@code OMP_WAIT_POLICY=PASSIVE}: OpenMP threads that spin while other
 * processes hold the cores make a step several times slower.
 *
 * <p>Training noise is drawn from ND4J's global random generator, seeded at construction; attach
 * listeners to {@link #combined()}, whose {@code fit} advances the generator. Built with training
 * data ({@link #build(GanConfig, ImageDataset)}), {@link #step()} draws each real batch itself (with
 * a generator seeded by the configuration's seed), which makes it a {@link TrainableGan} that sweeps
 * drive like any user's GAN ({@link #factory}). Not thread safe.
 */
@Beta
public final class Gan implements TrainableGan {
    private final GanConfig config;
    private final MultiLayerNetwork discriminator;
    private final MultiLayerNetwork combined;
    private final int generatorLayers;
    private final long generatorParams;
    private final ImageDataset data;
    private final java.util.Random batches;
    private long steps;

    private Gan(GanConfig config, ImageDataset data) {
        this.config = config;
        this.data = data;
        this.batches = new java.util.Random(config.seed());
        this.generatorLayers = generatorLayers(config).size();
        Nd4j.getRandom().setSeed(config.seed());
        this.discriminator = new MultiLayerNetwork(
                discriminatorConfiguration(config, base(config.seed(), config.discriminatorLr(), config.beta1())));
        discriminator.init();
        this.combined = new MultiLayerNetwork(
                combinedConfiguration(config, base(config.seed(), config.generatorLr(), config.beta1())));
        combined.init();
        this.generatorParams = combined.numParams() - discriminator.numParams();
        syncDiscriminator();
    }

    /** The discriminator's configuration on {@code base} (seed, updater, data type). */
    static MultiLayerConfiguration discriminatorConfiguration(GanConfig config, NeuralNetConfiguration.Builder base) {
        var conf = base.list();
        for (Layer l : discriminatorLayers(config)) {
            conf.layer(l);
        }
        return conf.setInputType(imageInputType(config)).build();
    }

    /** Generator layers then the discriminator's layers frozen with backprop, on {@code base}. */
    static MultiLayerConfiguration combinedConfiguration(GanConfig config, NeuralNetConfiguration.Builder base) {
        var conf = base.list();
        for (Layer l : generatorLayers(config)) {
            conf.layer(l);
        }
        for (Layer l : discriminatorLayers(config)) {
            conf.layer(new FrozenLayerWithBackprop(l));
        }
        if (config.architecture() == GanConfig.Architecture.DCGAN) {
            conf.inputPreProcessor(1, new FeedForwardToCnnPreProcessor(config.height() / 4, config.width() / 4,
                    2L * config.generatorWidth()));
        }
        return conf.setInputType(InputType.feedForward(config.latentDim())).build();
    }

    /** Builds the networks of {@code config}, to be trained with {@link #step(INDArray)}. */
    public static Gan build(GanConfig config) {
        return new Gan(Objects.requireNonNull(config, "config"), null);
    }

    /** Builds the networks of {@code config}, trained on {@code data} by {@link #step()}. */
    public static Gan build(GanConfig config, ImageDataset data) {
        Objects.requireNonNull(data, "data");
        if (data.channels() != config.channels() || data.height() != config.height() || data.width() != config.width()) {
            throw new IllegalArgumentException("the GAN makes " + config.channels() + "×" + config.height() + "×"
                    + config.width() + " images but the dataset holds " + data.channels() + "×" + data.height() + "×"
                    + data.width());
        }
        return new Gan(Objects.requireNonNull(config, "config"), data);
    }

    /**
     * The reference GAN as a {@link GanFactory}: each candidate's hyperparameters replace values of
     * {@code base} ({@link GanConfig#with(Hyperparameters)}), trained on {@code data}.
     */
    public static GanFactory factory(GanConfig base, ImageDataset data) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(data, "data");
        return hp -> build(base.with(hp), data);
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

    static List<Layer> generatorLayers(GanConfig c) {
        List<Layer> out = new ArrayList<>();
        int w = c.generatorWidth();
        if (c.architecture() == GanConfig.Architecture.MLP) {
            out.add(new DenseLayer.Builder().nOut(w).activation(Activation.RELU).build());
            out.add(new DenseLayer.Builder().nOut(2 * w).activation(Activation.RELU).build());
            out.add(new DenseLayer.Builder().nOut((long) c.channels() * c.height() * c.width()).activation(Activation.TANH)
                    .build());
            return out;
        }
        // 4×4 transposed convolutions, stride 2, padding 1 double H and W exactly; with explicit padding libnd4j's
        // deconv2d runs oneDNN, in Same mode it takes a generic path about 15× slower
        out.add(new DenseLayer.Builder().nOut(2L * w * (c.height() / 4) * (c.width() / 4)).activation(Activation.RELU)
                .build());
        out.add(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                .nOut(w).activation(Activation.RELU).build());
        // no bias before tanh, as in the PyTorch DCGAN: deconv2d adds a bias to few channels slowly (half its time here)
        out.add(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                .nOut(c.channels()).hasBias(false).activation(Activation.TANH).build());
        return out;
    }

    static List<Layer> discriminatorLayers(GanConfig c) {
        List<Layer> out = new ArrayList<>();
        int w = c.discriminatorWidth();
        if (c.architecture() == GanConfig.Architecture.MLP) {
            out.add(new DenseLayer.Builder().nOut(2 * w).activation(new ActivationLReLU(0.2)).build());
            out.add(new DenseLayer.Builder().nOut(w).activation(new ActivationLReLU(0.2)).build());
        } else {
            // libnd4j's conv2d (oneDNN) through a SameDiff layer: M2.1's ConvolutionLayer does im2col + gemm in Java
            out.add(Conv2dOpLayer.builder(4, 4).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                    .nOut(w).activation(new ActivationLReLU(0.2)).build());
            out.add(Conv2dOpLayer.builder(4, 4).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate)
                    .nOut(2L * w).activation(new ActivationLReLU(0.2)).build());
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

    /** The generator, for evaluation: the combined network's generator layers. */
    @Override
    public ModelGenerator generator() {
        return Generator.layerOf(combined, generatorOutputLayer());
    }

    /** How generated images are laid out: flat [N, C·H·W] (MLP) or NCHW (DCGAN), tanh range. */
    @Override
    public ImageFormat imageFormat() {
        ImageFormat.Layout layout = config.architecture() == GanConfig.Architecture.MLP ? ImageFormat.Layout.FLAT
                : ImageFormat.Layout.NCHW;
        return ImageFormat.of(layout, InputRange.MINUS_ONE_ONE, config.channels(), config.height(), config.width());
    }

    /** The latent distribution, standard normal of {@link GanConfig#latentDim()}, with the given evaluation seed. */
    @Override
    public LatentSpec latentSpec(long seed) {
        return LatentSpec.normal(config.latentDim(), seed);
    }

    /** Alternating updates done. */
    public long steps() {
        return steps;
    }

    /**
     * One alternating update on a random batch of the training data.
     *
     * @throws IllegalStateException when the GAN was built without data
     */
    @Override
    public StepLosses step() {
        if (data == null) {
            throw new IllegalStateException("this GAN was built without training data: use step(realBatch) or"
                    + " Gan.build(config, data)");
        }
        return step(data.trainingBatch(batches, config.batchSize(), imageFormat()));
    }

    /**
     * One alternating update on a batch of real images, in the generator's layout and range [−1, 1]
     * (see {@link ImageDataset#trainingBatch}).
     */
    public StepLosses step(INDArray real) {
        discriminatorStep(real);
        combined.fit(generatorBatch((int) real.size(0)));
        steps++;
        return new StepLosses(discriminator.score(), combined.score());
    }

    /**
     * The first half of a step: trains the discriminator on {@code real} (label 1) and as many
     * generated images (label 0), and copies its parameters into the combined network. The second
     * half is {@code combined().fit(generatorBatch(n))} — which is how DL4J's
     * {@code EarlyStoppingTrainer} can drive this GAN: an iterator whose {@code next()} runs the
     * discriminator step and returns the generator's batch.
     */
    public void discriminatorStep(INDArray real) {
        int b = (int) real.size(0);
        INDArray fake = combined.feedForwardToLayer(generatorOutputLayer(), noise(b), false).get(generatorLayers);
        INDArray x = Nd4j.concat(0, real.castTo(DataType.FLOAT), fake);
        INDArray y = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, b, 1), Nd4j.zeros(DataType.FLOAT, b, 1));
        discriminator.fit(new DataSet(x, y));
        syncDiscriminator();
    }

    /** The generator's half of a step as a batch for {@code combined().fit}: {@code n} latents labelled real (1). */
    public DataSet generatorBatch(int n) {
        return new DataSet(noise(n), Nd4j.ones(DataType.FLOAT, n, 1));
    }

    private INDArray noise(int b) {
        return Nd4j.randn(DataType.FLOAT, b, config.latentDim());
    }

    /** Copies the discriminator's parameters into the combined network's frozen copy. */
    private void syncDiscriminator() {
        combined.params().get(NDArrayIndex.interval(generatorParams, combined.numParams())).assign(discriminator.params());
    }
}
