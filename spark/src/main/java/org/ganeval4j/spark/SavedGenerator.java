package org.ganeval4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.ganeval4j.image.Generator;
import org.ganeval4j.image.ImageFormat;
import org.ganeval4j.image.InputRange;
import org.ganeval4j.image.LatentSpec;

/**
 * A generator saved with DL4J's {@code ModelSerializer} (a {@code .zip} of a {@code MultiLayerNetwork}
 * or {@code ComputationGraph}), described so that executors can load it and draw samples: which output
 * is the generator, its latents and its image format.
 *
 * <p>Samples are rows of the fixed seeded latent sequence ({@link LatentSpec#latents} is a pure function
 * of seed and row), so a partition generating rows [a, b) produces exactly the images a single pass
 * produces there. The file is shipped to the executors with {@code SparkContext.addFile}.
 *
 * <p>This is the Spark module's own minimal loader; it takes the place of the shared saved-generator
 * loader of {@code ganeval4j eval} until the two are merged.
 *
 * @param model        the {@code ModelSerializer} zip
 * @param layer        null: the network's output; digits: the activations of that layer (0-based) of a combined
 *                     {@code MultiLayerNetwork}; otherwise a vertex of a {@code ComputationGraph}
 * @param latentDim    latent dimension
 * @param distribution {@code NORMAL} or {@code UNIFORM}
 * @param latentSeed   the latent sequence's seed
 * @param classes      0, or the number of classes of a conditional generator
 * @param convolutional z shaped [N, dim, 1, 1]
 * @param layout       {@code NCHW}, {@code NHWC} or {@code FLAT}
 * @param range        {@code MINUS_ONE_ONE}, {@code ZERO_ONE} or {@code ZERO_255}
 * @param channels     1 or 3
 * @param height       image height
 * @param width        image width
 * @param quantize     round samples to 8-bit levels
 */
public record SavedGenerator(String model, String layer, int latentDim, String distribution, long latentSeed, int classes,
                             boolean convolutional, String layout, String range, int channels, int height, int width,
                             boolean quantize) implements Serializable {
    public SavedGenerator {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(range, "range");
        latent(latentDim, distribution, latentSeed, classes, convolutional);
        format(layout, range, channels, height, width, quantize);
    }

    /** A generator file with its latent and image format. */
    public static SavedGenerator of(Path model, String layer, LatentSpec latent, ImageFormat format) {
        return new SavedGenerator(model.toString(), layer, latent.dim(), latent.distribution().name(), latent.seed(),
                latent.numClasses(), latent.shape().length > 0, format.layout().name(), format.range().name(),
                format.channels(), format.height(), format.width(), format.quantize());
    }

    /** The latents. */
    public LatentSpec latentSpec() {
        return latent(latentDim, distribution, latentSeed, classes, convolutional);
    }

    /** The image format. */
    public ImageFormat imageFormat() {
        return format(layout, range, channels, height, width, quantize);
    }

    private static LatentSpec latent(int dim, String distribution, long seed, int classes, boolean convolutional) {
        LatentSpec l = new LatentSpec(dim, LatentSpec.Distribution.valueOf(distribution), seed, classes, new long[0]);
        return convolutional ? l.asConvolutional() : l;
    }

    private static ImageFormat format(String layout, String range, int channels, int height, int width, boolean quantize) {
        return new ImageFormat(ImageFormat.Layout.valueOf(layout), InputRange.valueOf(range), channels, height, width, quantize);
    }

    /** Loads the network from {@code file} (the shipped copy of {@link #model()}) as a generator. */
    public Generator load(Path file) throws IOException {
        MultiLayerNetwork net = null;
        Exception notMln = null;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (RuntimeException | IOException e) {
            notMln = e;
        }
        if (net != null) {
            if (layer == null) {
                return Generator.of(net);
            }
            if (!layer.matches("\\d+")) {
                throw new IllegalArgumentException(model + " is a MultiLayerNetwork: its generator layer must be an index, got '"
                        + layer + "'");
            }
            return Generator.layerOf(net, Integer.parseInt(layer));
        }
        ComputationGraph g;
        try {
            g = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (RuntimeException | IOException e) {
            IOException io = new IOException(model + ": not a DL4J ModelSerializer MultiLayerNetwork or ComputationGraph ("
                    + notMln.getMessage() + ")", e);
            io.addSuppressed(notMln);
            throw io;
        }
        return layer == null ? Generator.of(g) : Generator.layerOf(g, layer);
    }
}
