package org.ganeval4j.stats;

import java.nio.DoubleBuffer;

/** The checks every covariance passes, wherever its values live (a heap array, native memory). */
final class CovarianceChecks {
    private CovarianceChecks() {
    }

    /** Checks Σ (d² values from index 0 of {@code c}) is finite and symmetric to 1e-6 of its largest element. */
    static void requireFiniteSymmetric(DoubleBuffer c, int d) {
        requireSymmetric(c, d, requireFinite("covariance", c, d));
    }

    /** Checks every value of {@code v} (from index 0 to its limit) is finite; returns the largest magnitude. */
    static double requireFinite(String what, DoubleBuffer v, int d) {
        double max = 0;
        int n = v.limit();
        for (int i = 0; i < n; i++) {
            double x = v.get(i);
            if (!Double.isFinite(x)) {
                String at = d == 1 ? "[" + i + "]" : "[" + i / d + ", " + i % d + "]";
                throw new IllegalArgumentException(what + " must be finite, found " + x + " at " + at);
            }
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static void requireSymmetric(DoubleBuffer c, int d, double max) {
        double tol = 1e-6 * max;
        // tile by tile: walking a column of a large matrix would miss the cache on every element
        int tile = 64;
        for (int i0 = 0; i0 < d; i0 += tile) {
            for (int j0 = i0; j0 < d; j0 += tile) {
                int iEnd = Math.min(i0 + tile, d);
                int jEnd = Math.min(j0 + tile, d);
                for (int i = i0; i < iEnd; i++) {
                    for (int j = Math.max(j0, i + 1); j < jEnd; j++) {
                        double a = c.get(i * d + j);
                        double b = c.get(j * d + i);
                        if (Math.abs(a - b) > tol) {
                            throw new IllegalArgumentException("covariance must be symmetric, found Σ[" + i + "," + j
                                    + "] = " + a + " but Σ[" + j + "," + i + "] = " + b);
                        }
                    }
                }
            }
        }
    }
}
