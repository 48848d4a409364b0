package org.ganeval4j.eval;

import org.ganeval4j.stats.FeatureMatrix;
import org.ganeval4j.stats.GaussianStats;

/**
 * The real data a metric compares generated samples against: Gaussian statistics (FID) or a feature
 * matrix (KID, precision/recall, density/coverage). Exactly one is present.
 *
 * @param stats    reference statistics, or null
 * @param features real feature rows, or null
 */
public record ReferenceData(GaussianStats stats, FeatureMatrix features) {
    public ReferenceData {
        if ((stats == null) == (features == null)) {
            throw new IllegalArgumentException("reference data is either statistics or features, got "
                    + (stats == null ? "neither" : "both"));
        }
    }

    /** Reference statistics. */
    public static ReferenceData of(GaussianStats stats) {
        return new ReferenceData(java.util.Objects.requireNonNull(stats, "stats"), null);
    }

    /** Real features. */
    public static ReferenceData of(FeatureMatrix features) {
        return new ReferenceData(null, java.util.Objects.requireNonNull(features, "features"));
    }
}
