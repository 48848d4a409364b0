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
import org.ganeval4j.image.ModelGenerator;

/**
 * A generator saved with DL4J's {@code ModelSerializer} (a {@code .zip} of a {@code MultiLayerNetwork}
 * or {@code ComputationGraph}), described so that executors can load it and draw samples: which output
 * is the generator, its latents and its image format.
 *
 * <p>Samples are rows of the fixed seeded latent sequence ({@link LatentSpec#latents} is a pure function
 * of seed and row), so a partition generating rows [a, b) produces exactly the images a single pass
 * produces there. The file is shipped to the executors with {@code SparkContext.addFile}.
 *
 * <p>Executors load the file with the loader of {@code ganeval4j eval}
 * ({@link org.ganeval4j.eval.SavedGenerator}); this record is the serialisable description shipped
 * with the tasks.
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
public record GeneratorRef(String model, String layer, int latentDim, String distribution, long latentSeed, int classes,
                             boolean convolutional, String layout, String range, int channels, int height, int width,
                             boolean quantize) implements Serializable {
    public GeneratorRef {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(range, "range");
        latent(latentDim, distribution, latentSeed, classes, convolutional);
        format(layout, range, channels, height, width, quantize);
    }

    /** A generator file with its latent and image format. */
    public static GeneratorRef of(Path model, String layer, LatentSpec latent, ImageFormat format) {
        return new GeneratorRef(model.toString(), layer, latent.dim(), latent.distribution().name(), latent.seed(),
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

    /** A generator file written by ganeval4j, with the latents and format its record holds. */
    public static GeneratorRef of(Path model) throws IOException {
        org.ganeval4j.eval.GeneratorRecord r = org.ganeval4j.eval.SavedGenerator.read(model).record()
                .orElseThrow(() -> new IllegalArgumentException(model + " records no latents or image format (not written"
                        + " by ganeval4j): give them with of(model, layer, latent, format)"));
        return of(model, null, r.latent(), r.format());
    }

    /**
     * Loads the network from {@code file} (the shipped copy of {@link #model()}) as a generator, with
     * the loader {@code ganeval4j eval} uses ({@link org.ganeval4j.eval.SavedGenerator}).
     */
    public Generator load(Path file) throws IOException {
        org.ganeval4j.eval.SavedGenerator saved = org.ganeval4j.eval.SavedGenerator.read(file);
        if (layer == null) {
            return saved.generator();
        }
        return saved.generator(layer.matches("\\d+") ? new ModelGenerator.Part(Integer.parseInt(layer), null)
                : new ModelGenerator.Part(-1, layer));
    }
}
