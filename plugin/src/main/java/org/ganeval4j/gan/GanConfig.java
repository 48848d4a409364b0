package org.ganeval4j.gan;

import java.io.Serializable;
import java.util.Objects;

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
public record GanConfig(Architecture architecture, int latentDim, int channels, int height, int width,
                        int generatorWidth, int discriminatorWidth, double generatorLr, double discriminatorLr,
                        double beta1, int batchSize, long seed) implements Serializable {
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
