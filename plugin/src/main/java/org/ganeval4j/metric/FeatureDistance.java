package org.ganeval4j.metric;

import java.util.Locale;
import org.ganeval4j.metric.internal.NearestNeighbours;
import org.ganeval4j.stats.FeatureMatrix;

/**
 * Paired distances in feature space (the lecture's "feature distance"): the distance between the
 * embedding of image k of A and that of image k of B, e.g. a reconstruction or an image-to-image
 * translation against its target, on the 2048-d pool features of the FID Inception network or any
 * other extractor's. Euclidean {@code ‖a − b‖₂} or cosine {@code 1 − a·b / (‖a‖ ‖b‖)} (as
 * {@code scipy.spatial.distance.euclidean}/{@code cosine}), in float64 on the float32 features.
 * Stateless and thread safe.
 */
public final class FeatureDistance {
    private FeatureDistance() {
    }

    /** The distance. */
    public enum Kind {
        /** ‖a − b‖₂. */
        EUCLIDEAN,
        /** 1 − cos(a, b), in [0, 2]; undefined for a zero vector. */
        COSINE;

        /** {@code euclidean} or {@code cosine}. */
        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown feature distance '" + id + "', expected euclidean or cosine");
        }

        /** The lower-case name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        NearestNeighbours.Metric internal() {
            return this == EUCLIDEAN ? NearestNeighbours.Metric.EUCLIDEAN : NearestNeighbours.Metric.COSINE;
        }
    }

    /**
     * The distance between row k of {@code a} and row k of {@code b}, for every k.
     *
     * @throws IllegalArgumentException when the shapes differ
     * @throws ArithmeticException      for a zero row under the cosine distance
     */
    public static double[] paired(FeatureMatrix a, FeatureMatrix b, Kind kind) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("paired distances need the same number of rows and dimension, found "
                    + a.rows() + " × " + a.cols() + " and " + b.rows() + " × " + b.cols());
        }
        float[] x = a.toArray();
        float[] y = b.toArray();
        int d = a.cols();
        double[] out = new double[a.rows()];
        for (int k = 0; k < out.length; k++) {
            if (kind == Kind.COSINE && (zero(x, k, d) || zero(y, k, d))) {
                throw new ArithmeticException("the cosine distance is undefined for a zero feature vector (pair " + k + ")");
            }
            out[k] = NearestNeighbours.exact(x, k, y, k, d, kind.internal());
        }
        return out;
    }

    private static boolean zero(float[] v, int row, int d) {
        for (int i = row * d; i < (row + 1) * d; i++) {
            if (v[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
