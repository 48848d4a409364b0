package org.ganeval4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.ganeval4j.feature.Extractors;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.preprocess.ResizeMode;

/**
 * A feature extractor described so that executors can build it (a {@link Extractors.Choice} in
 * serializable form). Each executor JVM builds it once per task slot and keeps it for later tasks.
 *
 * @param id      {@code fid-inception}, {@code squeezenet} or {@code alexnet}
 * @param weights the weights file, or null to resolve them on each executor through the asset resolver
 *                ({@code GANEVAL4J_ASSETS}, cache, download); a file given here is shipped to the executors
 *                with {@code SparkContext.addFile}
 * @param resize  the resize-mode id, or null for the extractor's default
 * @param dims    the FID Inception layer by dimension, or null for 2048
 * @param batch   images per forward pass (≥ 1); partitions are cut at multiples of it, so every image meets
 *                the network in the same batch as in a single-machine run
 */
public record ExtractorRef(String id, String weights, String resize, Integer dims, int batch) implements Serializable {
    public ExtractorRef {
        Objects.requireNonNull(id, "id");
        id = id.toLowerCase(Locale.ROOT);
        // validates id, dims, resize and batch the way the library does
        new Extractors.Choice(id, null, resize == null ? null : ResizeMode.fromId(resize), dims, batch);
    }

    /** The same choice the CLI and the library make. */
    public static ExtractorRef of(Extractors.Choice c) {
        return new ExtractorRef(c.id(), c.weights() == null ? null : c.weights().toString(),
                c.resize() == null ? null : c.resize().id(), c.dims(), c.batch());
    }

    /** An extractor by id with its defaults and the given batch size, weights resolved on the executors. */
    public static ExtractorRef of(String id, int batch) {
        return new ExtractorRef(id, null, null, null, batch);
    }

    /** Builds the extractor with the weights at {@code localWeights} (null: resolve). */
    public FeatureExtractor create(Path localWeights) throws IOException {
        return Extractors.create(new Extractors.Choice(id, localWeights, resize == null ? null : ResizeMode.fromId(resize),
                dims, batch));
    }
}
