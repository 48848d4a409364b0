package org.ganeval4j.stats;

import java.nio.DoubleBuffer;

/** The checks every mean and covariance pass, wherever their values live (a heap array, native memory). */
final class StatsChecks {
    private StatsChecks() {
    }

    /** Checks μ has at least one dimension and is finite. */
    static void requireMean(double[] mean) {
        if (mean.length == 0) {
            throw new IllegalArgumentException("mean must have at least one dimension, got length 0");
        }
        requireFinite("mean", DoubleBuffer.wrap(mean), 1);
    }

    /** Checks Σ (d² values from index 0 of {@code c}) is finite and symmetric to 1e-6 of its largest element. */
    static void requireFiniteSymmetric(DoubleBuffer c, int d) {
        requireSymmetric(c, d, requireFinite("covariance", c, d));
    }

    /** Checks every value of {@code v} (from index 0 to its limit) is finite; returns the largest magnitude. */
    private static double requireFinite(String what, DoubleBuffer v, int d) {
        double max = 0;
        int n = v.limit();
        // bulk copies to the heap: element access to a direct buffer costs several times more
        double[] chunk = new double[Math.min(n, 1 << 13)];
        for (int off = 0; off < n; off += chunk.length) {
            int len = Math.min(chunk.length, n - off);
            v.get(off, chunk, 0, len);
            for (int k = 0; k < len; k++) {
                double x = chunk[k];
                if (!Double.isFinite(x)) {
                    int i = off + k;
                    String at = d == 1 ? "[" + i + "]" : "[" + i / d + ", " + i % d + "]";
                    throw new IllegalArgumentException(what + " must be finite, found " + x + " at " + at);
                }
                max = Math.max(max, Math.abs(x));
            }
        }
        return max;
    }

    private static void requireSymmetric(DoubleBuffer c, int d, double max) {
        double tol = 1e-6 * max;
        // a block of rows (at most 1 MiB) against the matching block of columns, read row by row: walking a
        // column of a large matrix would miss the cache on every element
        int h = Math.max(1, Math.min(64, (1 << 17) / d));
        double[] rows = new double[h * d];
        double[] column = new double[h];
        for (int i0 = 0; i0 < d; i0 += h) {
            int hi = Math.min(h, d - i0);
            c.get(i0 * d, rows, 0, hi * d);
            for (int j = i0 + 1; j < d; j++) {
                int iEnd = Math.min(hi, j - i0);
                c.get(j * d + i0, column, 0, iEnd);
                for (int k = 0; k < iEnd; k++) {
                    double a = rows[k * d + j];
                    double b = column[k];
                    if (Math.abs(a - b) > tol) {
                        int i = i0 + k;
                        throw new IllegalArgumentException("covariance must be symmetric, found Σ[" + i + "," + j
                                + "] = " + a + " but Σ[" + j + "," + i + "] = " + b);
                    }
                }
            }
        }
    }
}
