package org.ganeval4j.gan;

import java.io.Serializable;
import java.util.Objects;
import org.ganeval4j.Beta;

/**
 * Hyperparameters of the reference {@link Gan}.
 *
 * @param architecture          MLP (dense layers) or DCGAN (transposed and strided convolutions; H and W
 *                              divisible by 4)
 * @param latentDim             generator input size
 * @param channels              image channels (1 or 3)
 * @param height                image height
 * @param width                 image width
 * @param generatorWidth        hidden units (MLP) or base channels (DCGAN) of the generator
 * @param discriminatorWidth    hidden units (MLP) or base channels (DCGAN) of the discriminator
 * @param generatorLr           Adam learning rate of the generator
 * @param discriminatorLr       Adam learning rate of the discriminator
 * @param beta1                 Adam β1 of both
 * @param batchSize             real images per step (as many generated)
 * @param seed                  weight initialisation and training noise
 */
@Beta
public record GanConfig(Architecture architecture, int latentDim, int channels, int height, int width,
                        int generatorWidth, int discriminatorWidth, double generatorLr, double discriminatorLr,
                        double beta1, int batchSize, long seed) implements Serializable {
    /** Hyperparameter names {@link #with(Hyperparameters)} reads, as they appear in a sweep's table. */
    public static final String ARCHITECTURE = "architecture";
    /** Latent size. */
    public static final String LATENT_DIM = "latentDim";
    /** One width for both networks. */
    public static final String WIDTH = "width";
    /** The generator's width. */
    public static final String GENERATOR_WIDTH = "generatorWidth";
    /** The discriminator's width. */
    public static final String DISCRIMINATOR_WIDTH = "discriminatorWidth";
    /** One Adam learning rate for both networks. */
    public static final String LEARNING_RATE = "learningRate";
    /** The generator's Adam learning rate. */
    public static final String GENERATOR_LR = "generatorLr";
    /** The discriminator's Adam learning rate. */
    public static final String DISCRIMINATOR_LR = "discriminatorLr";
    /** Adam's β1 of both networks. */
    public static final String BETA1 = "beta1";
    /** Real images per step. */
    public static final String BATCH_SIZE = "batchSize";
    /** Weight initialisation and training noise. */
    public static final String SEED = "seed";
    /** Every name {@link #with(Hyperparameters)} reads. */
    public static final java.util.List<String> HYPERPARAMETERS = java.util.List.of(ARCHITECTURE, LATENT_DIM, WIDTH,
            GENERATOR_WIDTH, DISCRIMINATOR_WIDTH, LEARNING_RATE, GENERATOR_LR, DISCRIMINATOR_LR, BETA1, BATCH_SIZE, SEED);

    /** Network families. */
    public enum Architecture {
        /** Dense layers on flattened images. */
        MLP,
        /** Generator of two 2× transposed convolutions, discriminator of two stride-2 convolutions. */
        DCGAN
    }

    public GanConfig {
        Objects.requireNonNull(architecture, "architecture");
        check(latentDim >= 1, "latentDim must be >= 1, got " + latentDim);
        check(channels == 1 || channels == 3, "channels must be 1 or 3, got " + channels);
        check(height >= 4 && width >= 4, "image size must be at least 4×4, got " + height + "×" + width);
        check(architecture != Architecture.DCGAN || (height % 4 == 0 && width % 4 == 0),
                "DCGAN needs height and width divisible by 4, got " + height + "×" + width);
        check(generatorWidth >= 1 && discriminatorWidth >= 1,
                "layer widths must be >= 1, got " + generatorWidth + " and " + discriminatorWidth);
        check(generatorLr > 0 && discriminatorLr > 0 && Double.isFinite(generatorLr) && Double.isFinite(discriminatorLr),
                "learning rates must be positive, got " + generatorLr + " and " + discriminatorLr);
        check(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        check(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A small MLP GAN for 28×28 gray images (MNIST): latent 32, widths 128, Adam 2e-4 / β1 0.5, batch 64. */
    public static GanConfig mnistMlp(long seed) {
        return new GanConfig(Architecture.MLP, 32, 1, 28, 28, 128, 128, 2e-4, 2e-4, 0.5, 64, seed);
    }

    /**
     * A small DCGAN for 28×28 gray images: latent 64, 32 base channels, Adam with β1 0.5 at 1e-3 for
     * the generator and 2e-4 for the discriminator (at 2e-4 for both the generator barely moves in the
     * first few hundred steps and collapses for a while), batch 64.
     */
    public static GanConfig mnistDcgan(long seed) {
        return new GanConfig(Architecture.DCGAN, 64, 1, 28, 28, 32, 32, 1e-3, 2e-4, 0.5, 64, seed);
    }

    /**
     * This configuration with the named values replaced ({@link #HYPERPARAMETERS}): {@value #WIDTH} and
     * {@value #LEARNING_RATE} set the generator's and the discriminator's value from one draw, the
     * separate names set them independently.
     *
     * @throws IllegalArgumentException for an unknown name, a value set both jointly and separately,
     *                                  or values that make no valid configuration
     */
    public GanConfig with(Hyperparameters hp) {
        hp.requireKnown(HYPERPARAMETERS);
        conflict(hp, WIDTH, GENERATOR_WIDTH, DISCRIMINATOR_WIDTH);
        conflict(hp, LEARNING_RATE, GENERATOR_LR, DISCRIMINATOR_LR);
        String gw = hp.has(WIDTH) ? WIDTH : GENERATOR_WIDTH;
        String dw = hp.has(WIDTH) ? WIDTH : DISCRIMINATOR_WIDTH;
        String glr = hp.has(LEARNING_RATE) ? LEARNING_RATE : GENERATOR_LR;
        String dlr = hp.has(LEARNING_RATE) ? LEARNING_RATE : DISCRIMINATOR_LR;
        return new GanConfig(hp.getEnum(ARCHITECTURE, Architecture.class, architecture),
                hp.getInt(LATENT_DIM, latentDim), channels, height, width, hp.getInt(gw, generatorWidth),
                hp.getInt(dw, discriminatorWidth), hp.getDouble(glr, generatorLr), hp.getDouble(dlr, discriminatorLr),
                hp.getDouble(BETA1, beta1), hp.getInt(BATCH_SIZE, batchSize), hp.getLong(SEED, seed));
    }

    private static void conflict(Hyperparameters hp, String joint, String a, String b) {
        if (hp.has(joint) && (hp.has(a) || hp.has(b))) {
            throw new IllegalArgumentException(joint + " sets both " + a + " and " + b + ": give either " + joint
                    + " or the two separately, got " + hp.values().keySet());
        }
    }

    /** A copy with other learning rates. */
    public GanConfig withLearningRates(double g, double d) {
        return new GanConfig(architecture, latentDim, channels, height, width, generatorWidth, discriminatorWidth, g, d,
                beta1, batchSize, seed);
    }

    /** A copy with another seed. */
    public GanConfig withSeed(long s) {
        return new GanConfig(architecture, latentDim, channels, height, width, generatorWidth, discriminatorWidth,
                generatorLr, discriminatorLr, beta1, batchSize, s);
    }
}
