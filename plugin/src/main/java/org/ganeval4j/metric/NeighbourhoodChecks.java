package org.ganeval4j.metric;

import org.ganeval4j.stats.FeatureMatrix;

/** Input checks shared by the k-nearest-neighbour metrics. */
final class NeighbourhoodChecks {
    private NeighbourhoodChecks() {
    }

    static void check(String metric, FeatureMatrix real, FeatureMatrix fake, int k) {
        if (real.cols() != fake.cols()) {
            throw new IllegalArgumentException(metric + " needs real and fake features of the same dimension, found real d="
                    + real.cols() + " and fake d=" + fake.cols());
        }
        enough(metric, "real", real.rows(), k);
        enough(metric, "fake", fake.rows(), k);
    }

    private static void enough(String metric, String which, int rows, int k) {
        if (rows <= k) {
            throw new IllegalArgumentException(metric + " with k=" + k + " needs more than " + k + " rows in each set (the "
                    + k + " nearest neighbours exclude the row itself), the " + which + " set has " + rows);
        }
    }
}
