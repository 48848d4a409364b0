package org.ganeval4j.examples.owngan;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.ganeval4j.gan.GanFactory;
import org.ganeval4j.gan.Hyperparameters;
import org.ganeval4j.gan.ImageDataset;
import org.ganeval4j.gan.TrainableGan;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;
import org.ganeval4j.image.ModelGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A GAN of one's own, made of DL4J {@code ComputationGraph}s — what a ganeval4j user brings: a
 * {@link GraphGenerator} and a {@link GraphDiscriminator}, a discriminator graph and a combined graph
 * (generator → frozen discriminator) that trains the generator, with parameters copied by layer name.
 * It implements {@link TrainableGan}, so ganeval4j's sweeps, listener and {@code ganeval4j eval} work
 * on it like on any GAN; {@link #factory} reads its hyperparameters by name:
 * <ul>
 *   <li>{@value #GENERATOR_LR}, {@value #DISCRIMINATOR_LR}: Adam learning rates (default 2e-4);</li>
 *   <li>{@value #HIDDEN}: hidden units of both networks (default 128);</li>
 *   <li>{@value #LATENT_DIM}: latent size (default 32); {@value #BATCH_SIZE}: real images per step (default 64).</li>
 * </ul>
 * Not thread safe.
 */
public final class GraphGan implements TrainableGan {
    /** Hyperparameter names. */
    public static final String GENERATOR_LR = "generatorLr";
    /** The discriminator's Adam learning rate. */
    public static final String DISCRIMINATOR_LR = "discriminatorLr";
    /** Hidden units. */
    public static final String HIDDEN = "hidden";
    /** Latent size. */
    public static final String LATENT_DIM = "latentDim";
    /** Real images per step. */
    public static final String BATCH_SIZE = "batchSize";

    private final ImageDataset data;
    private final int latentDim;
    private final int batchSize;
    private final ComputationGraph discriminator;
    private final ComputationGraph gan;
    private final ImageFormat format;
    private final Random batches;

    private GraphGan(ImageDataset data, double lrG, double lrD, int hidden, int latentDim, int batchSize, long seed) {
        if (!(lrG > 0) || !(lrD > 0)) {
            throw new IllegalArgumentException("learning rates must be positive, got " + lrG + " and " + lrD);
        }
        if (latentDim < 1 || batchSize < 1) {
            throw new IllegalArgumentException("latent size and batch size must be >= 1, got " + latentDim + " and "
                    + batchSize);
        }
        this.data = data;
        this.latentDim = latentDim;
        this.batchSize = batchSize;
        this.batches = new Random(seed);
        int pixels = data.channels() * data.height() * data.width();
        this.format = ImageFormat.of(ImageFormat.Layout.FLAT, InputRange.MINUS_ONE_ONE, data.channels(), data.height(),
                data.width());
        Nd4j.getRandom().setSeed(seed);
        GraphDiscriminator d = new GraphDiscriminator(hidden);

        GraphBuilder dg = base(seed, lrD).graphBuilder().addInputs("img");
        dg.setOutputs(d.addTo(dg, "img", false)).setInputTypes(InputType.feedForward(pixels));
        this.discriminator = new ComputationGraph(dg.build());
        discriminator.init();

        GraphBuilder cg = base(seed, lrG).graphBuilder().addInputs("z");
        String g = new GraphGenerator(hidden, pixels).addTo(cg, "z");
        cg.setOutputs(d.addTo(cg, g, true)).setInputTypes(InputType.feedForward(latentDim));
        ComputationGraphConfiguration conf = cg.build();
        this.gan = new ComputationGraph(conf);
        gan.init();
        copyDiscriminator();
    }

    private static NeuralNetConfiguration.Builder base(long seed, double lr) {
        return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
                .updater(new Adam(lr, 0.5, 0.999, 1e-8)).dataType(DataType.FLOAT);
    }

    /**
     * The factory a sweep calls for each candidate: this GAN on {@code data} with the candidate's
     * hyperparameters (see the class comment for names and defaults).
     */
    public static GanFactory factory(ImageDataset data, long seed) {
        return hp -> {
            hp.requireKnown(List.of(GENERATOR_LR, DISCRIMINATOR_LR, HIDDEN, LATENT_DIM, BATCH_SIZE));
            return new GraphGan(data, hp.getDouble(GENERATOR_LR, 2e-4), hp.getDouble(DISCRIMINATOR_LR, 2e-4),
                    hp.getInt(HIDDEN, 128), hp.getInt(LATENT_DIM, 32), hp.getInt(BATCH_SIZE, 64), seed);
        };
    }

    /** This GAN with the default hyperparameters. */
    public static GraphGan create(ImageDataset data, long seed) {
        return (GraphGan) factory(data, seed).create(Hyperparameters.none());
    }

    /** The combined graph's generator vertices. */
    @Override
    public ModelGenerator generator() {
        return Generator.layerOf(gan, GraphGenerator.OUTPUT);
    }

    @Override
    public ImageFormat imageFormat() {
        return format;
    }

    @Override
    public LatentSpec latentSpec(long seed) {
        return LatentSpec.normal(latentDim, seed);
    }

    /** One discriminator update (real 1, generated 0), the parameter copy, one generator update. */
    @Override
    public StepLosses step() {
        INDArray real = data.trainingBatch(batches, batchSize, format);
        INDArray fake = gan.feedForward(new INDArray[] {noise()}, false, false).get(GraphGenerator.OUTPUT);
        INDArray x = Nd4j.concat(0, real, fake);
        INDArray y = Nd4j.concat(0, Nd4j.ones(DataType.FLOAT, batchSize, 1), Nd4j.zeros(DataType.FLOAT, batchSize, 1));
        discriminator.fit(new INDArray[] {x}, new INDArray[] {y});
        copyDiscriminator();
        gan.fit(new INDArray[] {noise()}, new INDArray[] {Nd4j.ones(DataType.FLOAT, batchSize, 1)});
        return new StepLosses(discriminator.score(), gan.score());
    }

    private INDArray noise() {
        return Nd4j.randn(DataType.FLOAT, batchSize, latentDim);
    }

    private void copyDiscriminator() {
        for (String layer : GraphDiscriminator.LAYERS) {
            gan.getLayer(layer).params().assign(discriminator.getLayer(layer).params());
        }
    }
}
