package org.ganeval4j.feature;

import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Images in, feature vectors out.
 *
 * <p>Input contract: a batch of images as an NCHW floating-point {@link INDArray} with pixel values
 * on the 0..255 scale (as decoded from 8-bit files, or a generator's output mapped there), 1 or 3
 * channels (1-channel images are replicated to RGB), any height and width the extractor accepts; the
 * extractor applies its own resize mode and normalisation ({@link ExtractorSpec#resizeMode()}).
 * Output: a float32 {@code [N, dims]} array per requested output.
 *
 * <p>Implementations run the network in inference mode and never modify the input.
 */
public interface FeatureExtractor extends AutoCloseable {
    /** What {@link #extract(INDArray)} returns. */
    ExtractorSpec spec();

    /** Every output one forward pass can produce, with its dimension ({@link ExtractorSpec#layer()} among them). */
    default Map<String, Integer> outputs() {
        return Map.of(spec().layer(), spec().dims());
    }

    /** Features of {@link ExtractorSpec#layer()}, {@code [N, dims]}. */
    default INDArray extract(INDArray images) {
        return extract(images, Set.of(spec().layer())).get(spec().layer());
    }

    /** Several outputs from one forward pass, each {@code [N, dims_k]}; keys as in {@link #outputs()}. */
    Map<String, INDArray> extract(INDArray images, Set<String> outputs);

    /** Releases native resources (network parameters). */
    @Override
    default void close() {
    }
}
