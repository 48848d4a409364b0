package org.ganeval4j.eval;

import java.util.Map;
import org.ganeval4j.feature.FeatureExtractor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One batch of generated samples as metrics see it: the canonical images (NCHW, 0..255) and the
 * requested extractor outputs.
 *
 * @param images   the images
 * @param features outputs by request
 * @param offset   index of the batch's first sample within the evaluation
 */
public record FeatureBatch(INDArray images, Map<FeatureRequest, INDArray> features, long offset) {
    public FeatureBatch {
        features = Map.copyOf(features);
    }

    /** Number of samples. */
    public int size() {
        return (int) images.size(0);
    }

    /** The output of a request. */
    public INDArray features(FeatureRequest request) {
        INDArray f = features.get(request);
        if (f == null) {
            throw new IllegalArgumentException("features of " + request.output() + " were not computed for this batch");
        }
        return f;
    }

    /** The output {@code output} of {@code extractor}. */
    public INDArray features(FeatureExtractor extractor, String output) {
        return features(new FeatureRequest(extractor, output));
    }
}
