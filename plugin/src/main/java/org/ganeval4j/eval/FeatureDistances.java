package org.ganeval4j.eval;

import java.io.IOException;
import java.util.Set;
import org.ganeval4j.feature.FeatureExtractor;
import org.ganeval4j.image.ImageSource;
import org.ganeval4j.metric.FeatureDistance;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * Paired feature-space distances of images ({@code ganeval4j distance}): image k of A and image k
 * of B through one extractor, then {@link FeatureDistance#paired}. Stateless and thread safe.
 */
public final class FeatureDistances {
    private FeatureDistances() {
    }

    /**
     * The distance between the embeddings of image k of {@code a} and image k of {@code b}, for
     * every k, with {@code extractor}'s main output.
     *
     * @throws IllegalArgumentException when the sources hold different numbers of images
     */
    public static double[] paired(FeatureExtractor extractor, ImageSource a, ImageSource b, int batch,
                                  FeatureDistance.Kind kind) throws IOException {
        String layer = extractor.spec().layer();
        FeatureMatrix fa = ReferenceStatistics.features(extractor, a, batch, Set.of(layer), null).get(layer);
        FeatureMatrix fb = ReferenceStatistics.features(extractor, b, batch, Set.of(layer), null).get(layer);
        if (fa.rows() != fb.rows()) {
            throw new IllegalArgumentException("paired distances need as many images in A as in B, found " + fa.rows()
                    + " and " + fb.rows());
        }
        return FeatureDistance.paired(fa, fb, kind);
    }
}
